// associated const with a default
trait T {
    const C: u32 = 1;
}

fn use_dyn(_: &dyn T) {}
