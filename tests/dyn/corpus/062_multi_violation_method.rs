// one method with three violations
trait T {
    fn f<X>(&self, o: &Self) -> Box<Self>;
}

fn use_dyn(_: &dyn T) {}
