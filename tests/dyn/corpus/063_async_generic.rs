// async and generic on one method
trait T {
    async fn f<X>(&self, x: X);
}

fn use_dyn(_: &dyn T) {}
