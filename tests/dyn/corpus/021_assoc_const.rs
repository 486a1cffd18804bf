// associated const
trait T {
    const C: u32;
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
