// abort() signals itself (tgkill on its own pid is allowed): crashed.
// expect: verdict=crashed signal=SIGABRT stack_overflow=false
// load: yes
void abort(void);
int main(void)
{
    abort();
}
