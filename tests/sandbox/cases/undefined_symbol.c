// Only the handed-over symbols link: no fallback to the host's libc.
// expect: status=ok compile=fail
// load: yes
void *dlopen(const char *, int);
int main(void)
{
    return dlopen("libc.so.6", 2) != 0;
}
