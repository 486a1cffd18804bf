// Printing without end meets the output cap, cut exactly there.
// expect: verdict=output_limit stdout_bytes=10000 stdout_truncated=true stderr_bytes=0
// limits: output_bytes=10000
// load: yes
fn main() {
    loop {
        println!("0123456789abcdef");
    }
}
