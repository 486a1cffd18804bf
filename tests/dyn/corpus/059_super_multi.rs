// violations from several supertraits
trait A {
    fn n();
}

trait B {
    const K: u8;
}

trait T: A + B {
    async fn t(&self);
}

fn use_dyn(_: &dyn T) {}
