// Self inside a fn pointer parameter
trait T {
    fn f(&self, c: fn(&Self));
}

fn use_dyn(_: &dyn T) {}
