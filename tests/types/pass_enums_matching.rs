// enums, matching, Option/Result combinators, ? operator
#[derive(Debug, Clone, PartialEq)]
enum Token { Num(i64), Op(char), LParen, RParen }
#[derive(Debug)]
enum ParseError { Empty, Bad(String) }
impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::Empty => write!(f, "empty"),
            ParseError::Bad(s) => write!(f, "bad: {}", s),
        }
    }
}
fn tokenize(s: &str) -> Result<Vec<Token>, ParseError> {
    if s.is_empty() { return Err(ParseError::Empty); }
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut n = 0i64;
            while let Some(&d) = chars.peek() {
                if let Some(v) = d.to_digit(10) { n = n * 10 + v as i64; chars.next(); } else { break; }
            }
            out.push(Token::Num(n));
        } else if c == '(' { out.push(Token::LParen); chars.next(); }
        else if c == ')' { out.push(Token::RParen); chars.next(); }
        else if "+-*/".contains(c) { out.push(Token::Op(c)); chars.next(); }
        else if c == ' ' { chars.next(); }
        else { return Err(ParseError::Bad(c.to_string())); }
    }
    Ok(out)
}
fn eval(tokens: &[Token]) -> Option<i64> {
    let mut acc = match tokens.first()? { Token::Num(n) => *n, _ => return None };
    let mut i = 1;
    while i + 1 < tokens.len() {
        let rhs = match &tokens[i + 1] { Token::Num(n) => *n, _ => return None };
        acc = match tokens[i] {
            Token::Op('+') => acc + rhs,
            Token::Op('-') => acc - rhs,
            Token::Op('*') => acc * rhs,
            Token::Op('/') if rhs != 0 => acc / rhs,
            _ => return None,
        };
        i += 2;
    }
    Some(acc)
}
fn run(s: &str) -> Result<i64, String> {
    let toks = tokenize(s).map_err(|e| e.to_string())?;
    eval(&toks).ok_or_else(|| "eval failed".to_string())
}
fn classify(n: i32) -> &'static str {
    match n {
        i32::MIN..=-1 => "negative",
        0 => "zero",
        1 | 2 | 3 => "small",
        x if x % 2 == 0 => "even",
        _ => "odd",
    }
}
fn main() {
    println!("{:?}", run("1 + 2 * 3"));
    println!("{:?}", run(""));
    println!("{:?}", tokenize("1 ? 2").err());
    for n in [-5, 0, 2, 10, 11] { println!("{}", classify(n)); }
    let pair = (Some(1), None::<i32>);
    match pair {
        (Some(a), Some(b)) => println!("{} {}", a, b),
        (Some(a), None) | (None, Some(a)) => println!("one {}", a),
        (None, None) => println!("none"),
    }
    let v = vec![Token::Num(1), Token::Op('+')];
    if v[0] == Token::Num(1) && matches!(v[1], Token::Op(_)) { println!("ok"); }
    let r: Result<u8, String> = Ok(3);
    let doubled = r.as_ref().map(|x| x * 2).unwrap_or(0);
    let s = match r { Ok(x) if x > 2 => format!("big {}", x), Ok(x) => format!("{}", x), Err(e) => e };
    println!("{} {}", doubled, s);
    let arr = [10, 20, 30];
    match arr { [first, .., last] => println!("{} {}", first, last) }
    let sl: &[i32] = &arr;
    match sl { [] => {}, [x] => println!("{}", x), [x, rest @ ..] => println!("{} {:?}", x, rest) }
    let nested = Some(Some(5));
    if let Some(Some(n)) = nested { println!("{}", n); }
    let opt: Option<&str> = Some("hi");
    let len = opt.map(str::len).unwrap_or_default();
    println!("{}", len);
}
