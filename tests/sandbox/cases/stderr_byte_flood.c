// One byte per write: the cap is still exact.
// expect: verdict=output_limit stderr_bytes=10000 stderr_truncated=true stdout_bytes=0
// limits: output_bytes=10000
// load: yes
long write(int, const void *, unsigned long);
int main(void)
{
    for (;;)
        write(2, "e", 1);
}
