// generic associated type over a lifetime
trait T {
    type G<'a>;
}

fn use_dyn(_: &dyn T) {}
