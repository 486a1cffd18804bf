// expect: verdict=syscall signal=SIGSYS
long read(int, void *, unsigned long);
int main(void)
{
    char c;
    return (int)read(0, &c, 1);
}
