#[derive(Debug)]
struct ErrA;
#[derive(Debug)]
struct ErrB;
fn a() -> Result<u32, ErrA> { Ok(1) }
fn b() -> Result<u32, ErrB> {
    let x = a()?; //~ ERROR `?` couldn't convert the error to `ErrB`
    Ok(x)
}
fn c() -> u32 {
    let x = a()?; //~ ERROR the `?` operator can only be used in a function that returns `Result` or `Option`
    x
}
fn d() -> Option<u32> {
    let x = a()?; //~ ERROR the `?` operator can only be used on `Option`s, not `Result`s
    Some(x)
}
fn e() -> Result<u32, ErrA> {
    let v = 5u32?; //~ ERROR the `?` operator can only be applied to values that implement `Try`
    Ok(v)
}
fn main() {}
