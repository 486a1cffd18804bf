// argument-position impl Trait
use std::fmt::Display;

trait T {
    fn i(&self, x: impl Display);
}

fn use_dyn(_: &dyn T) {}
