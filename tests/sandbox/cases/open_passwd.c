// expect: verdict=syscall signal=SIGSYS
// forbid: root:
// load: yes
int open(const char *, int, ...);
long read(int, void *, unsigned long);
long write(int, const void *, unsigned long);
int main(void)
{
    char buf[4096];
    int fd = open("/etc/passwd", 0);
    long n = read(fd, buf, sizeof buf);
    write(1, buf, n > 0 ? n : 0);
    return 0;
}
