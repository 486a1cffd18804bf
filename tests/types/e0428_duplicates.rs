struct A;
struct A; //~ ERROR the name `A` is defined multiple times
fn f() {}
fn f() {} //~ ERROR the name `f` is defined multiple times
enum E { X, X } //~ ERROR E0428
fn main() {}
