struct P { x: i32 }
fn main() {
    let a = 1;
    a = 2; //~ ERROR cannot assign twice to immutable variable `a`
    let b;
    b = 3;
    let p = P { x: 1 };
    p.x = 2; //~ ERROR E0594
    let v = vec![1];
    v.push(2); //~ ERROR cannot borrow `v` as mutable, as it is not declared as mutable
    let r = &p;
    let mut c = 0;
    c += 1;
    let s = &mut c;
    *s += 1;
}
