// -> impl Trait method
trait T {
    fn r(&self) -> impl Iterator<Item = u64>;
}

fn use_dyn(_: &dyn T) {}
