// &&Self receiver
trait T {
    fn r(self: &&Self);
}

fn use_dyn(_: &dyn T) {}
