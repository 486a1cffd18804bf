// generic parameter bounded by a Self-mentioning trait
trait T {
    fn g<X: PartialEq<Self>>(&self, x: X);
}

fn use_dyn(_: &dyn T) {}
