// Box, Rc, Arc and Pin receivers dispatch
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

trait T {
    fn b(self: Box<Self>);
    fn r(self: Rc<Self>);
    fn a(self: Arc<Self>);
    fn p(self: Pin<&mut Self>);
    fn q(self: Pin<Box<Self>>);
}

fn use_dyn(_: &dyn T) {}
