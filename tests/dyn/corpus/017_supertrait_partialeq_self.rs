// PartialEq<Self> written out
trait T: PartialEq<Self> {}

fn use_dyn(_: &dyn T) {}
