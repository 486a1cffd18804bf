// plain methods with & and &mut receivers: dyn compatible
trait T {
    fn a(&self) -> u64;
    fn b(&mut self, x: u8);
}

fn use_dyn(_: &dyn T) {}
