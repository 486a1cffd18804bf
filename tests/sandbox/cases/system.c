// expect: verdict=syscall signal=SIGSYS
int system(const char *);
int main(void)
{
    return system("cat /etc/passwd");
}
