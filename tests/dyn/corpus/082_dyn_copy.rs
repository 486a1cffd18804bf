// dyn Copy
fn use_dyn(_: &dyn Copy) {}
