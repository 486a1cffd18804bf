// one of each method-level violation
use std::fmt::Display;

trait T {
    const C: u8;
    fn n();
    fn s(&self, o: &Self);
    fn o(&self) -> Box<Self>;
    async fn a(&self);
    fn r(&self) -> impl Display;
    fn g<X>(&self, x: X);
    fn w(&self) where Self: Display;
    fn b(self: &Box<Self>);
}

fn use_dyn(_: &dyn T) {}
