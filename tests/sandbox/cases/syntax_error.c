// expect: status=ok compile=fail
int main(void) { return 0 }
