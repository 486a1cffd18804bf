// generic associated type over a type
trait T {
    type G<X>;
}

fn use_dyn(_: &dyn T) {}
