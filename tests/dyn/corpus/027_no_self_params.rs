// associated function with parameters
trait T {
    fn n(x: u8, y: u8) -> u8;
}

fn use_dyn(_: &dyn T) {}
