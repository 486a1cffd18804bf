// two traits, only the compatible one used
trait Bad {
    fn n();
}

trait Good {
    fn g(&self);
}

fn use_dyn(_: &dyn Good) {}
