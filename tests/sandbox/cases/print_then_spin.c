// What was printed before the kill survives, even without a newline.
// expect: verdict=timeout timeout=cpu
// stdout: partial line
// stderr: and this
// limits: cpu_ms=200
// load: yes
int printf(const char *, ...);
long write(int, const void *, unsigned long);
int main(void)
{
    printf("partial line");
    write(2, "and this", 8);
    for (volatile unsigned long i = 0;; i++)
        ;
}
