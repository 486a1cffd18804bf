// expect: verdict=syscall signal=SIGSYS
// load: yes
int socket(int, int, int);
int connect(int, const void *, unsigned);
int main(void)
{
    unsigned char addr[16] = {2, 0, 0, 80, 1, 1, 1, 1}; /* AF_INET 1.1.1.1:80 */
    int s = socket(2, 1, 0);
    return connect(s, addr, sizeof addr);
}
