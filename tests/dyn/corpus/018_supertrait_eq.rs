// Eq inherits PartialEq<Self>
trait T: Eq {}

fn use_dyn(_: &dyn T) {}
