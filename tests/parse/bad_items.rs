// Junk at item level, a stray token inside a trait and an unknown macro.
let x = 3; //~ ERROR expected item

trait T {
    fn a(&self);
    42 //~ ERROR expected one of
    fn b(&self);
}

fn main() {
    foo!(1, 2); //~ ERROR cannot find macro `foo`
    let ok = 1;
}
