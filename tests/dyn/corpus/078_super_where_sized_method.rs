// supertrait method gated, subtrait fine
trait A {
    fn n() -> Self where Self: Sized;
    fn a(&self);
}

trait T: A {
    fn t(&self);
}

fn use_dyn(_: &dyn T) {}
