fn planned(x: u32) -> u32 {
    if x < 3 {
        return x * 2;
    }
    todo!()
}

fn main() {
    println!("{}", planned(1));
    println!("{}", planned(2));
    println!("{}", planned(5));
}
