fn main() {
    let base: i32 = 2;
    for e in 28..33 {
        println!("2^{} = {}", e, base.pow(e));
    }
}
