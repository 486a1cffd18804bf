// Self inside a tuple return type
trait T {
    fn f(&self) -> (u8, Box<Self>);
}

fn use_dyn(_: &dyn T) {}
