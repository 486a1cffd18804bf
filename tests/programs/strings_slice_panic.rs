fn main() {
    let s = "añb";
    println!("{}", &s[0..1]);
    println!("{}", &s[1..3]);
    println!("{}", &s[3..]);
    let cut = 2;
    println!("{}", &s[0..cut]);
}
