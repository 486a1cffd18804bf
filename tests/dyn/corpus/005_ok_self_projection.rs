// Self::A projections are allowed
trait T {
    type A;
    fn f(&self, a: Self::A) -> Self::A;
}

fn use_dyn(_: &dyn T<A = u64>) {}
