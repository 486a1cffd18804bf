// async method
trait T {
    async fn a(&self) -> u8;
}

fn use_dyn(_: &dyn T) {}
