// dyn Clone: Clone requires Sized
fn use_dyn(_: &dyn Clone) {}
