// every offending method gated
use std::fmt::Display;

trait T {
    fn n() -> Self where Self: Sized;
    fn g<X>(&self, x: X) where Self: Sized;
    async fn a(&self) where Self: Sized;
    fn r(&self) -> impl Display where Self: Sized;
    fn s(&self, o: Self) where Self: Sized;
    fn ok(&self) -> u64;
}

fn use_dyn(_: &dyn T) {}
