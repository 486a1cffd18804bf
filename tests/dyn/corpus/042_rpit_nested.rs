// impl Trait nested in the return type
use std::fmt::Display;

trait T {
    fn r(&self) -> Box<impl Display>;
}

fn use_dyn(_: &dyn T) {}
