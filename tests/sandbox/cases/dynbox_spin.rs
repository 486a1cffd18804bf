// An infinite loop meets the CPU limit; what it printed first (no newline)
// survives, because the sandboxed runtime writes at every print.
// expect: verdict=timeout timeout=cpu
// stdout: spinning
// limits: cpu_ms=200
// load: yes
fn main() {
    print!("spinning");
    let mut n: u64 = 0;
    loop {
        n = n.wrapping_add(1);
    }
}
