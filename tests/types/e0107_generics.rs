struct W<T>(T);
fn f(v: Vec) {} //~ ERROR missing generics for struct `Vec`
fn g(w: W<u8, u8>) {} //~ ERROR struct takes 1 generic argument but 2 generic arguments were supplied
fn h() -> _ { 1 } //~ ERROR the placeholder `_` is not allowed within types on item signatures
trait Tr {}
fn i(x: Tr) {} //~ ERROR expected a type, found a trait
fn main() {}
