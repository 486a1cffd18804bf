// where Self: Iterator on a method
trait T {
    fn w(&self) where Self: Iterator<Item = u8>;
}

fn use_dyn(_: &dyn T) {}
