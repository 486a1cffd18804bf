// expect: verdict=syscall signal=SIGSYS
void *mmap(void *, unsigned long, int, int, int, long);
int main(void)
{
    void *p = mmap(0, 4096, 7 /* RWX */, 0x22, -1, 0);
    return p == 0;
}
