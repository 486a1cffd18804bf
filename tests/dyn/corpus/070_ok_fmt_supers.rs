// Display and Debug supertraits
use std::fmt::{Debug, Display};

trait T: Display + Debug {
    fn name(&self) -> String;
}

fn use_dyn(_: &dyn T) {}
