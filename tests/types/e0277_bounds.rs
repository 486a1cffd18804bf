trait Speak { fn speak(&self) -> String; }
struct Dog;
struct Rock;
impl Speak for Dog { fn speak(&self) -> String { String::from("woof") } }
fn talk<T: Speak>(t: &T) -> String { t.speak() }
fn show<T: std::fmt::Display>(t: T) -> String { format!("{}", t) }
fn main() {
    talk(&Dog);
    talk(&Rock); //~ ERROR the trait bound `Rock: Speak` is not satisfied
    show(1);
    show(Dog); //~ ERROR `Dog` doesn't implement `std::fmt::Display`
    println!("{}", Rock); //~ ERROR `Rock` doesn't implement `std::fmt::Display`
    println!("{:?}", Rock); //~ ERROR `Rock` doesn't implement `Debug`
    for x in Rock {} //~ ERROR `Rock` is not an iterator
    let total: u32 = vec!["a"].into_iter().sum(); //~ ERROR cannot be made by summing
}
