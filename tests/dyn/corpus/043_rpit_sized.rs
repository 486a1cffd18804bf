// -> impl Trait gated
use std::fmt::Display;

trait T {
    fn r(&self) -> impl Display where Self: Sized;
    fn s(&self);
}

fn use_dyn(_: &dyn T) {}
