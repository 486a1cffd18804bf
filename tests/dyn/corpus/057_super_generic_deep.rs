// generic method two supertraits up
trait A {
    fn g<X>(&self, x: X);
}

trait B: A {}

trait T: B {}

fn use_dyn(_: &dyn T) {}
