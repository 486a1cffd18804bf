// expect: verdict=output_limit stdout_bytes=65536 stdout_truncated=true stderr_bytes=0
// limits: output_bytes=65536
// load: yes
long write(int, const void *, unsigned long);
int main(void)
{
    char buf[4000];
    for (int i = 0; i < 4000; i++)
        buf[i] = 'a' + i % 26;
    for (;;)
        write(1, buf, sizeof buf);
}
