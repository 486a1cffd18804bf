#[derive(Debug)]
enum Color { Red, Green, Blue }
enum Big { A, B, C, D, E }
fn main() {
    let c = Color::Red;
    match c { Color::Red => {} } //~ ERROR non-exhaustive patterns: `Color::Green` and `Color::Blue` not covered
    let o: Option<u32> = None;
    match o { Some(_) => {} } //~ ERROR `None` not covered
    let b = true;
    match b { true => {} } //~ ERROR `false` not covered
    let r: Result<u8, String> = Ok(1);
    match r { Ok(_) => {} } //~ ERROR `Err(_)` not covered
    match Big::A { Big::A => {} } //~ ERROR `Big::B`, `Big::C`, `Big::D` and 1 more not covered
    let n = 5u8;
    match n { 0..=100 => {} 101..=254 => {} } //~ ERROR `u8::MAX` not covered
    let t = (true, o);
    match t { (true, Some(_)) => {} (false, _) => {} } //~ ERROR `(true, None)` not covered
    let s = "x";
    match s { "a" => {} } //~ ERROR `&_` not covered
    let v: &[u8] = &[1];
    match v { [] => {} [_] => {} } //~ ERROR `&[_, _, ..]` not covered
    match &o { None => {} } //~ ERROR `&Some(_)` not covered
    match c { Color::Red | Color::Green | Color::Blue => {} }
    match o { Some(x) if x > 1 => {} Some(_) => {} None => {} }
}
