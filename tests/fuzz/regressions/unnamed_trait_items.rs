// Trait items the parser cannot name must not reach the dyn analyzer's
// symbol ordering (a NULL name crashed it under UBSan).
trait T { const: u8; fn (&self) -> Self; type; fn<X>(&self); async fn (); }
fn f(x: &dyn T) {}
