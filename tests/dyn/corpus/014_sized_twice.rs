// Sized and Clone together
trait T: Sized + Clone {}

fn use_dyn(_: &dyn T) {}
