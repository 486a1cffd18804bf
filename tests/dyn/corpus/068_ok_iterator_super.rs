// Iterator supertrait with Item given
trait T: Iterator<Item = u8> {
    fn t(&self);
}

fn use_dyn(_: &dyn T<Item = u8>) {}
