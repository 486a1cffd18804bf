// Fn supertrait
trait T: Fn(u8) -> u8 {}

fn use_dyn(_: &dyn T) {}
