// generic type parameter
trait T {
    fn g<X>(&self, x: X);
}

fn use_dyn(_: &dyn T) {}
