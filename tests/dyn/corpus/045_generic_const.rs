// const generic parameter
trait T {
    fn c<const N: usize>(&self) -> usize;
}

fn use_dyn(_: &dyn T) {}
