// Temporaries of `if` / `if let` / `&&` / `||` conditions drop where Rust
// 2024 drops them: an `if` condition and each lazy operand are temporary
// scopes (dropped before either branch); an `if let` scrutinee's live to
// the end of the `then` block and drop before `else`. Comparisons of
// String rvalues (`f() == "x"`) free the temporary String.
struct D(u32);

impl Drop for D {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

impl D {
    fn ok(&self) -> bool {
        self.0 > 1
    }
    fn get(&self) -> Option<u32> {
        if self.0 > 1 { Some(self.0) } else { None }
    }
    fn name(&self) -> String {
        format!("d{}", self.0)
    }
}

fn main() {
    if D(1).ok() { println!("then"); } else { println!("else"); }
    if D(2).ok() { println!("then2"); } else { println!("else2"); }
    let x = if D(3).ok() { 1 } else { 2 };
    println!("x {}", x);

    if let Some(x) = D(1).get() { println!("then {}", x); } else { println!("else"); }
    if let Some(x) = D(2).get() { println!("then {}", x); } else { println!("else"); }
    if D(3).get().is_some() && D(4).get().is_some() { println!("both"); }
    let mut n = 0;
    while D(5 + n).get().map(|v| v < 7).unwrap_or(false) {
        n += 1;
    }
    println!("n {}", n);
    match D(9).get() {
        Some(v) => println!("m {}", v),
        None => println!("none"),
    }

    let b = D(3).ok() && D(4).ok();
    println!("b {}", b);
    let c = D(1).ok() || D(5).ok() && D(6).ok();
    println!("c {}", c);
    if D(7).name() == "d7" { println!("eq"); } else if D(8).ok() { println!("eight"); }
    let s = if let Some(x) = Some(D(10)) { x.0 } else { 0 };
    println!("s {}", s);
    if let Some(_) = if D(11).ok() { Some(1) } else { None } {
        println!("t");
    } else if let Some(_) = if D(12).ok() { Some(2) } else { None } {
        println!("t2");
    }
    let e = D(13).name() == "d13" && D(14).name() != "x";
    println!("e {}", e);
    println!("end");
}
