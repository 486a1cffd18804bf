struct Point { x: i32 }
enum E { A }
trait Hidden { fn hidden(&self); }
fn generic<T>(t: T) {
    t.hidden(); //~ ERROR no method named `hidden` found for type parameter `T`
}
fn main() {
    let p = Point { x: 1 };
    p.norm(); //~ ERROR no method named `norm` found for struct `Point` in the current scope
    E::A.go(); //~ ERROR E0599
    let v = vec![1u8];
    v.push_all(); //~ ERROR no method named `push_all` found for struct `Vec<u8>`
    let n = Point::origin(); //~ ERROR no function or associated item named `origin` found for struct `Point`
    let s = "x".shout(); //~ ERROR E0599
}
