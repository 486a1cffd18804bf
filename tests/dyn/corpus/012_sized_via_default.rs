// Default implies Sized
trait T: Default {
    fn a(&self) -> u64;
}

fn use_dyn(_: &dyn T) {}
