// expect: verdict=syscall signal=SIGSYS
// load: yes
int kill(int, int);
int main(void)
{
    return kill(-1, 9);
}
