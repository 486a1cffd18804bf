// A clean dynbox program is compiled, lowered, JIT-compiled and run in the
// sandbox; its output comes back with the virtual time of each print.
// expect: verdict=ok exit_code=0 events=1
// stdout: hello from dynbox\n
// load: yes
fn main() {
    println!("hello from dynbox");
}
