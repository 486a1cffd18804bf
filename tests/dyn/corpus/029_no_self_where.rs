// associated function with an existing where clause
trait T {
    fn n() where Self: Send;
}

fn use_dyn(_: &dyn T) {}
