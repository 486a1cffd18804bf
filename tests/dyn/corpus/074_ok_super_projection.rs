// Self::X from a supertrait
trait B {
    type X;
}

trait T: B {
    fn f(&self) -> Self::X;
}

fn use_dyn(_: &dyn T<X = u64>) {}
