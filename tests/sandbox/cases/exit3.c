// A program that ends itself with a status is not a crash: verdict ok, and
// the status says 3 (as the Rust playground shows "exited with status 3").
// expect: verdict=ok exit_code=3
// stdout: before exit\n
// load: yes
int printf(const char *, ...);
void exit(int);
int main(void)
{
    printf("before exit\n");
    exit(3);
}
