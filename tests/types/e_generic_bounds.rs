use std::fmt::Debug;
trait Animal { fn name(&self) -> String; }
struct Dog;
impl Animal for Dog { fn name(&self) -> String { String::from("dog") } }
struct Stone;
fn loudest<A: Animal + Debug>(a: &A) -> String { a.name() }
fn describe<T>(t: T) -> String where T: Animal { t.name() }
struct Kennel<T: Animal> { pet: T }
impl<T: Animal> Kennel<T> { fn call(&self) -> String { self.pet.name() } }
fn main() {
    let d = loudest(&Dog); //~ ERROR `Dog` doesn't implement `Debug`
    let s = describe(Stone); //~ ERROR the trait bound `Stone: Animal` is not satisfied
    let v: Vec<Stone> = vec![Stone];
    let c = v.clone(); //~ ERROR the method `clone` exists for struct `Vec<Stone>`, but its trait bounds were not satisfied
    let mut w = vec![Stone];
    w.sort(); //~ ERROR the trait bound `Stone: Ord` is not satisfied
    let k = Kennel { pet: Dog }.call();
}
