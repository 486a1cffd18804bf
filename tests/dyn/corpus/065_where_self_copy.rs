// where Self: Copy implies Sized: exempt
trait T {
    fn f(&self) -> Self where Self: Copy;
}

fn use_dyn(_: &dyn T) {}
