// expect: verdict=syscall signal=SIGSYS
// load: yes
int execve(const char *, char *const[], char *const[]);
int main(void)
{
    char *argv[] = {"/bin/sh", "-c", "id", 0};
    char *envp[] = {0};
    return execve("/bin/sh", argv, envp);
}
