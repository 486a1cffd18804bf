// lifetime parameters are not generic type parameters
trait T {
    fn pick<'a>(&'a self, x: &'a u64) -> &'a u64;
}

fn use_dyn(_: &dyn T) {}
