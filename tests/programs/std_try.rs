#[derive(Debug)]
enum E { Neg(i64), Zero }

fn check(x: i64) -> Result<i64, E> {
    if x < 0 { return Err(E::Neg(x)); }
    if x == 0 { return Err(E::Zero); }
    Ok(x * 2)
}

fn chain(a: i64, b: i64) -> Result<i64, E> {
    let x = check(a)?;
    let y = check(b)?;
    Ok(x + y)
}

fn first_even(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    let x = a?;
    let y = b?;
    Some(x * 10 + y)
}

fn main() {
    println!("{:?} {:?} {:?}", chain(1, 2), chain(-1, 2), chain(3, 0));
    println!("{:?} {:?}", first_even(Some(1), Some(2)), first_even(None, Some(2)));
}
