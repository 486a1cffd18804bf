// Growing a Vec until the address-space limit: the runtime's allocator
// fails, prints Rust's message and the verdict is memory.
// expect: verdict=memory exit_code=102
// stderr_has: memory allocation of
// limits: mem_bytes=67108864
// load: yes
fn main() {
    let mut v: Vec<u64> = Vec::new();
    let mut i: u64 = 0;
    loop {
        v.push(i);
        i += 1;
    }
}
