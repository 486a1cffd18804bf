// The baseline: a well-behaved program prints and exits 0.
// expect: verdict=ok exit_code=0
// stdout: hello, world\n
// load: yes
int printf(const char *, ...);
int main(void)
{
    printf("hello, %s\n", "world");
    return 0;
}
