// Looking for other descriptors is itself forbidden (fcntl), and the
// harness checks /proc: a running worker has nothing beyond fds 0-2.
// expect: verdict=syscall signal=SIGSYS
// load: yes
int fcntl(int, int, ...);
int main(void)
{
    for (int fd = 3; fd < 1024; fd++)
        fcntl(fd, 1 /* F_GETFD */);
    return 0;
}
