fn find(v: &Vec<i32>, x: i32) -> Option<usize> {
    v.iter().position(|&y| y == x)
}

fn main() {
    let v = vec![4, 5, 6];
    println!("{}", find(&v, 5).expect("5 is there"));
    println!("{}", find(&v, 7).expect("7 is missing"));
}
