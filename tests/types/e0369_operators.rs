struct S;
fn main() {
    let a = "x" + 1; //~ ERROR cannot add `{integer}` to `&str`
    let b = S == S; //~ ERROR binary operation `==` cannot be applied to type `S`
    let c = -5u32; //~ ERROR cannot apply unary operator `-` to type `u32`
    let d = *5; //~ ERROR type `{integer}` cannot be dereferenced
    let e = 1.0 + 2; //~ ERROR cannot add an integer to a float
    let f = 5u32 - "a"; //~ ERROR cannot subtract `&str` from `u32`
    let g = 3 % "x"; //~ ERROR cannot calculate the remainder of `{integer}` divided by `&str`
    let mut s = S;
    s += S; //~ ERROR binary assignment operation `+=` cannot be applied to type `S`
    let h = !"x"; //~ ERROR E0600
}
