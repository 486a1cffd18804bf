// Hash supertrait has a generic method
trait T: std::hash::Hash {}

fn use_dyn(_: &dyn T) {}
