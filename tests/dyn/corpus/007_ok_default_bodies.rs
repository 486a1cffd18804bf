// default bodies do not matter
trait T {
    fn a(&self) -> u64 {
        1
    }
    fn b(&self) -> u64 {
        self.a() + 1
    }
}

fn use_dyn(_: &dyn T) {}
