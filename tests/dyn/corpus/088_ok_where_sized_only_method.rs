// a method gated only by a trait-level where on another bound
trait T {
    fn a(&self) where Self: Sized;
    fn b(&self) -> u8;
}

fn use_dyn(_: &dyn T) {}
