// async method gated by where Self: Sized
trait T {
    async fn a(&self) -> u8 where Self: Sized;
    fn b(&self);
}

fn use_dyn(_: &dyn T) {}
