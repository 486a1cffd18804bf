#[derive(Debug)]
enum MathError {
    DivByZero,
    Negative(i64),
}

fn div(a: i64, b: i64) -> Result<i64, MathError> {
    if b == 0 {
        return Err(MathError::DivByZero);
    }
    if a < 0 {
        return Err(MathError::Negative(a));
    }
    Ok(a / b)
}

fn compute(a: i64, b: i64) -> Result<i64, MathError> {
    let q = div(a, b)?;
    Ok(q + 1)
}

fn main() {
    let ok = div(10, 2);
    let zero = div(1, 0);
    println!("{:?} {:?} {:?}", ok, zero, div(-4, 2));
    println!("{} {}", ok.is_ok(), zero.is_ok());
    println!("{:?}", compute(9, 3));
    println!("{:?}", compute(9, 0));
    println!("{:?}", div(8, 4).map(|x| x * 100));
    println!("{:?}", div(8, 0).map_err(|e| format!("failed: {:?}", e)));
    println!("{}", div(3, 0).unwrap_or(-1));
    println!("{:?}", div(20, 5).and_then(|x| div(x, 2)));
    match div(7, 7) {
        Ok(v) => println!("ok {}", v),
        Err(e) => println!("err {:?}", e),
    }
    let parsed: Result<i64, _> = "17".parse::<i64>();
    println!("{}", parsed.unwrap() * 2);
    let value = div(5, 0).unwrap();
    println!("never {}", value);
}
