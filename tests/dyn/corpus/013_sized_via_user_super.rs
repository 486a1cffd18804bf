// a user supertrait that is Sized
trait S: Sized {}

trait T: S {
    fn t(&self);
}

fn use_dyn(_: &dyn T) {}
