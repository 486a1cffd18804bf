// Early return and `?` across awaits.
async fn checked(x: u32) -> Option<u32> {
    sleep(2).await;
    if x > 10 {
        return None;
    }
    Some(x * 2)
}

async fn chain(x: u32) -> Option<u32> {
    let a = checked(x).await?;
    let b = checked(a).await?;
    Some(a + b)
}

async fn parse_digit(c: char) -> Result<u32, u32> {
    yield_now().await;
    if c >= '0' && c <= '9' {
        Ok(c as u32 - '0' as u32)
    } else {
        Err(c as u32)
    }
}

async fn sum_digits(a: char, b: char) -> Result<u32, u32> {
    let x = parse_digit(a).await?;
    let y = parse_digit(b).await?;
    Ok(x + y)
}

async fn main() {
    println!("{:?} at {}ms", chain(3).await, now());
    println!("{:?} at {}ms", chain(6).await, now());
    println!("{:?} at {}ms", chain(20).await, now());
    println!("{:?}", sum_digits('4', '5').await);
    println!("{:?}", sum_digits('4', 'x').await);
}
