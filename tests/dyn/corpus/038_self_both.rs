// Self in a parameter and in the return type
trait T {
    fn f(&self, o: &Self) -> Box<Self>;
}

fn use_dyn(_: &dyn T) {}
