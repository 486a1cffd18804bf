// PartialEq defaults Rhs to Self
trait T: PartialEq {}

fn use_dyn(_: &dyn T) {}
