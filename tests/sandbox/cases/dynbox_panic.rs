// A panic ends the program with Rust's message and status 101.
// expect: verdict=panic exit_code=101
// stdout: before\n
// stderr_has: thread 'main' panicked at main.rs:8:5:\nboom 42\n
// load: yes
fn main() {
    println!("before");
    panic!("boom {}", 42);
}
