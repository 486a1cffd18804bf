// Copy implies Sized
trait T: Copy {}

fn use_dyn(_: &dyn T) {}
