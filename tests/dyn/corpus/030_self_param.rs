// Self by value in a parameter
trait T {
    fn f(&self, o: Self);
}

fn use_dyn(_: &dyn T) {}
