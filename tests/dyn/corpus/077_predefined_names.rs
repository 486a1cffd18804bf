// help order follows rustc's symbol order (new and len are predefined)
trait T {
    fn zeta<X>(&self, x: X);
    fn new<X>(&self, x: X);
    fn len<X>(&self, x: X);
    fn alpha<X>(&self, x: X);
}

fn use_dyn(_: &dyn T) {}
