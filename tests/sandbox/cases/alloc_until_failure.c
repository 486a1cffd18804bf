// Allocate and touch until the address-space limit: malloc fails, and the
// allocator (like the runtime's) reports it with status 102.
// expect: verdict=memory exit_code=102
// limits: mem_bytes=67108864
// load: yes
void *malloc(unsigned long);
void *memset(void *, int, unsigned long);
int main(void)
{
    for (;;) {
        char *p = malloc(1 << 20);
        memset(p, 1, 1 << 20);
    }
}
