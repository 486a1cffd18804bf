// associated function without self
trait T {
    fn n() -> u64;
}

fn use_dyn(_: &dyn T) {}
