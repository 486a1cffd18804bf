// async method in a supertrait
trait B {
    async fn b(&self);
}

trait T: B {}

fn use_dyn(_: &dyn T) {}
