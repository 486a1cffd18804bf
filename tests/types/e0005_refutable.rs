fn main() {
    let o: Option<u32> = Some(1);
    let Some(x) = o; //~ ERROR refutable pattern in local binding
    for Some(y) in vec![Some(1)] {} //~ ERROR refutable pattern in `for` loop binding
    let (a, b) = (1, 2);
    let Some(z) = o else { return; };
}
