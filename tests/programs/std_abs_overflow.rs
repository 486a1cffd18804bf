fn main() {
    let values = (-5i8, i8::MIN + 1, i8::MIN);
    println!("{}", values.0.abs());
    println!("{}", values.1.abs());
    println!("{}", values.2.wrapping_abs());
    println!("{}", values.2.abs());
}
