// Lexer errors are reported and parsing continues.
fn main() {
    let a = 1 € 2; //~ ERROR unknown start of token
    let b = 0b102; //~ ERROR invalid digit
    let c = 5u7; //~ ERROR invalid suffix
}
