fn average(values: (i32, i32, i32)) -> i32 {
    (values.0 + values.1 + values.2) / 3
}

fn main() {
    let a = average((3, 4, 5));
    assert!(a == 4, "average of small values");
    println!("average {}", a);
    let b = average((-9, 0, 3));
    assert!(b >= 0, "average must not be negative, got {} for {:?}", b, (-9, 0, 3));
    println!("not reached");
}
