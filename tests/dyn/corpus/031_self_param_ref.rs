// &Self in a parameter
trait T {
    fn f(&self, o: &Self) -> bool;
}

fn use_dyn(_: &dyn T) {}
