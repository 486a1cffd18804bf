// Closures against Fn bounds: written in place they take the bound's kind
// (violations are borrow errors, E0594/E0507); bound to a variable first,
// their kind is inferred and checked at the use (E0525).
fn call<F: Fn()>(f: F) { f() }
fn takes2<F: Fn(u32, u32) -> u32>(f: F) -> u32 { f(1, 2) }
fn in_place() {
    let mut n = 0;
    call(|| n += 1); //~ ERROR cannot assign to `n`, as it is a captured variable in a `Fn` closure
    let s = String::new();
    call(move || drop(s)); //~ ERROR cannot move out of `s`, a captured variable in an `Fn` closure
}
fn bound_first() {
    let mut n = 0;
    let inc = || n += 1; //~ ERROR expected a closure that implements the `Fn` trait, but this closure only implements `FnMut`
    call(inc);
}
fn arity() {
    takes2(|x| x); //~ ERROR closure is expected to take 2 arguments, but it takes 1 argument
}
fn main() {}
