fn check(label: &str, v: bool) -> bool {
    println!("check {} = {}", label, v);
    v
}

fn main() {
    let a = check("a", true) && check("b", false);
    let b = check("c", false) && check("d", true);
    let c = check("e", false) || check("f", true);
    let d = check("g", true) || check("h", false);
    println!("{} {} {} {}", a, b, c, d);
    println!("{} {}", !a, 5 > 3 && 2 >= 2);
}
