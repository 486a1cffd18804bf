// differential: skip (std::collections and std::rc exist in rustc but not in dynbox)
use std::collections::HashMap; //~ ERROR `std::collections::HashMap` is not supported in dynbox
use std::fmt::Display;
use std::cell::RefCell; //~ ERROR E0432
use nothing::here; //~ ERROR unresolved import `nothing::here`
fn main() {}
