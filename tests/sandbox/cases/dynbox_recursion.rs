// Unbounded recursion overflows the stack: crashed, named as such.
// expect: verdict=crashed signal=SIGSEGV stack_overflow=true
// load: yes
fn deep(n: u64) -> u64 {
    if n == u64::MAX {
        return 0;
    }
    deep(n + 1) + 1
}
fn main() {
    println!("{}", deep(0));
}
