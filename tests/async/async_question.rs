// `?` across awaits in async fns: Result with a custom error and From
// conversion, Option, early `return Err` after an await, errors
// propagating through several async layers.
#[derive(Debug)]
enum FetchError {
    NotFound(u32),
    Timeout { id: u32, after: u64 },
    Parse(String),
}

struct ParseError {
    text: String,
}

impl From<ParseError> for FetchError {
    fn from(e: ParseError) -> FetchError {
        FetchError::Parse(e.text)
    }
}

async fn lookup(id: u32) -> Result<String, FetchError> {
    sleep(1).await;
    match id {
        1 => Ok(String::from("41")),
        2 => Ok(String::from("forty")),
        3 => Err(FetchError::Timeout { id, after: now() }),
        _ => Err(FetchError::NotFound(id)),
    }
}

fn parse(text: &str) -> Result<u64, ParseError> {
    let mut v = 0u64;
    for c in text.chars() {
        match c.to_digit(10) {
            Some(d) => v = v * 10 + d as u64,
            None => return Err(ParseError { text: format!("bad digit '{}' in {:?}", c, text) }),
        }
    }
    Ok(v)
}

async fn fetch_plus_one(id: u32) -> Result<u64, FetchError> {
    let text = lookup(id).await?;
    yield_now().await;
    let v = parse(&text)?;
    if v > 1000 {
        return Err(FetchError::NotFound(0));
    }
    Ok(v + 1)
}

async fn sum_all(ids: &[u32]) -> Result<u64, FetchError> {
    let mut total = 0;
    for id in ids {
        total += fetch_plus_one(*id).await?;
        println!("  after id {} total {} at {}ms", id, total, now());
    }
    Ok(total)
}

async fn first_even(ids: Vec<u32>) -> Option<u32> {
    sleep(2).await;
    let first = ids.first()?;
    yield_now().await;
    if first % 2 == 0 { Some(*first) } else { ids.iter().copied().find(|x| x % 2 == 0) }
}

async fn main() {
    for id in [1u32, 2, 3, 9] {
        match fetch_plus_one(id).await {
            Ok(v) => println!("{} -> {} at {}ms", id, v, now()),
            Err(e) => println!("{} -> error {:?} at {}ms", id, e, now()),
        }
    }
    println!("sum [1, 1] = {:?}", sum_all(&[1, 1]).await);
    println!("sum [1, 4, 1] = {:?}", sum_all(&[1, 4, 1]).await);
    println!("first_even = {:?} at {}ms", first_even(vec![3, 5, 8]).await, now());
    println!("first_even of none = {:?} at {}ms", first_even(Vec::new()).await, now());
}
