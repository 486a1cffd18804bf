// op compile: the front end only, no run object.
// op: compile
// expect: status=ok compile=ok run=null
fn main() {}
