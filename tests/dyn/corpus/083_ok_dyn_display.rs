// dyn Display
fn use_dyn(_: &dyn std::fmt::Display) {}
