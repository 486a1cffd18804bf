// expect: verdict=syscall signal=SIGSYS
// load: yes
int fork(void);
int printf(const char *, ...);
int main(void)
{
    int pid = fork();
    printf("fork returned %d\n", pid);
    return 0;
}
