// libtcc opens no file: a host path is neither read nor shown.
// expect: status=ok compile=fail
// forbid: root:
// forbid: /etc/passwd
#include "/etc/passwd"
int main(void) { return 0; }
