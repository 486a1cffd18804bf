// the errors_stable_rules example
trait Shape {
    fn area(&self) -> u64;
    fn unit() -> Self;
    fn tag<T>(&self, t: T) -> u64;
    async fn render(&self) -> String;
}

fn use_dyn(_: &dyn Shape) {}
