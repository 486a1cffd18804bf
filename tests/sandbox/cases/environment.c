// The worker's environment is empty.
// expect: verdict=ok
// stdout: no PATH, no HOME\n
// load: yes
char *getenv(const char *);
int printf(const char *, ...);
int main(void)
{
    printf("%s, %s\n", getenv("PATH") ? "PATH set" : "no PATH", getenv("HOME") ? "HOME set" : "no HOME");
    return 0;
}
