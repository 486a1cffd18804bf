// dyn Fn with sugar
fn use_dyn(_: &dyn Fn(u8) -> u8) {}
