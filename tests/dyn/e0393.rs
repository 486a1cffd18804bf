// `dyn PartialEq` needs its `Rhs`, whose default is `Self` (E0393); `dyn
// Clone` and `dyn Copy` are not dyn compatible under either rule set.

fn eq(_: &dyn PartialEq) {} //~ ERROR E0393

fn eq_u8(_: &dyn PartialEq<u8>) {}

fn cloned(_: &dyn Clone) {} //~ ERROR E0038

fn copied(_: Box<dyn Copy>) {} //~ ERROR E0038

fn fine(_: &dyn std::fmt::Display, _d: &dyn std::fmt::Debug, _s: &(dyn Send + Sync)) {}

fn main() {}
