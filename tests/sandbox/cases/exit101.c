// Status 101 is how the runtime ends a panic.
// expect: verdict=panic exit_code=101
// stderr: thread 'main' panicked\n
// load: yes
long write(int, const void *, unsigned long);
void _exit(int);
int main(void)
{
    write(2, "thread 'main' panicked\n", 23);
    _exit(101);
}
