use std::fmt;
#[derive(Clone)]
struct X;
impl fmt::Display for Vec<u32> { //~ ERROR only traits defined in the current crate can be implemented for types defined outside of the crate
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) }
}
impl u32 { fn zz(&self) {} } //~ ERROR cannot define inherent `impl` for primitive types
impl Vec<u8> { fn zz(&self) {} } //~ ERROR cannot define inherent `impl` for a type outside of the crate where the type is defined
impl Clone for X { fn clone(&self) -> X { X } } //~ ERROR conflicting implementations of trait `Clone` for type `X`
#[derive(Clone, Copy)]
struct Y { s: String } //~ ERROR the trait `Copy` cannot be implemented for this type
fn main() {}
