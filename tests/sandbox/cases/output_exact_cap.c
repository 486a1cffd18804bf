// Exactly the cap is allowed: the limit is on going past it.
// expect: verdict=ok stdout_bytes=1000 stdout_truncated=false
// limits: output_bytes=1000
// load: yes
long write(int, const void *, unsigned long);
int main(void)
{
    char buf[1000];
    for (int i = 0; i < 1000; i++)
        buf[i] = 'x';
    write(1, buf, 1000);
    return 0;
}
