// where Self: Display on a method
use std::fmt::Display;

trait T {
    fn w(&self) where Self: Display;
}

fn use_dyn(_: &dyn T) {}
