// diamond of supertraits with one bad method
trait A {
    fn g<X>(&self, x: X);
}

trait B: A {}

trait C: A {}

trait D: B + C {}

fn use_dyn(_: &dyn D) {}
