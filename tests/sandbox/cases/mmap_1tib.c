// A 1 TiB mapping is refused by RLIMIT_AS (ENOMEM), reported as memory: the
// filter allows mmap without PROT_EXEC, the limit is what stops it.
// expect: verdict=memory exit_code=102
// load: yes
void *mmap(void *, unsigned long, int, int, int, long);
int printf(const char *, ...);
int main(void)
{
    char *p = mmap(0, 1ul << 40, 3 /* RW */, 0x22 /* PRIVATE|ANON */, -1, 0);
    printf("mapped at %p\n", p);
    p[1ul << 39] = 1;
    return 0;
}
