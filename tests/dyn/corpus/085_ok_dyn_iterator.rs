// dyn Iterator with Item
fn use_dyn(_: &dyn Iterator<Item = u64>) {}
