// Bytes that are not UTF-8 come back as U+FFFD, as from_utf8_lossy does.
// expect: verdict=ok
// stdout: a\xef\xbf\xbdb\n
long write(int, const void *, unsigned long);
int main(void)
{
    write(1, "a\xff" "b\n", 4);
    return 0;
}
