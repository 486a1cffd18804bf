// where Self: Sized + Send
trait T {
    fn f(&self) -> Self where Self: Sized + Send;
}

fn use_dyn(_: &dyn T) {}
