// Diagnostics come back rustc-shaped, from a worker.
// expect: status=ok compile=fail run=null diagnostic=expected
// load: yes
fn main() {
    let x = ;
}
