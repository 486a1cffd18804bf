// dynbox: rules=stable
// How many E0038s rustc reports for one non-dyn-compatible trait written in
// many places: one per trait per item signature, one per occurrence in bodies.

trait Shape {
    fn dup(&self) -> Self;
}

trait Other {
    fn take(&self, s: &dyn Shape); //~ ERROR E0038
}

struct Square;

impl Shape for Square {
    fn dup(&self) -> Self {
        Square
    }
}

fn two_params(_a: &dyn Shape, _b: &dyn Shape) {} //~ ERROR E0038

fn param_and_return(a: Box<dyn Shape>) -> Box<dyn Shape> { //~ ERROR E0038
    a
}

fn in_bound<T: AsRef<dyn Shape>>(_t: T) {} //~ ERROR E0038

struct Fields {
    _a: Box<dyn Shape>, //~ ERROR E0038
    _b: Vec<Box<dyn Shape>>,
}

enum Either {
    _L(Box<dyn Shape>), //~ ERROR E0038
    _R(Box<dyn Shape>),
}

impl Square {
    fn method(&self, _s: &dyn Shape) {} //~ ERROR E0038
}

fn main() {
    let _x: &dyn Shape = &Square; //~ ERROR E0038
    let _y: Option<Box<dyn Shape>> = None; //~ ERROR E0038
    let _z = &Square as &dyn Shape; //~ ERROR E0038
    let _c = |_s: &dyn Shape| 1; //~ ERROR E0038
}
