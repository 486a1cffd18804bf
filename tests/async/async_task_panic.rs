// A panic inside a spawned task ends the program with status 101 and the
// panic message; what was printed before stays printed, in order.
async fn checked_div(a: u64, b: u64) -> u64 {
    sleep(1).await;
    if b == 0 {
        panic!("division of {} by zero in a task at {}ms", a, now());
    }
    a / b
}

async fn main() {
    let ok = spawn(checked_div(10, 2));
    println!("10 / 2 = {} at {}ms", ok.await, now());
    let bad = spawn(checked_div(7, 0));
    let other = spawn(async {
        sleep(5).await;
        println!("never printed: the program ended at 2ms");
    });
    println!("waiting at {}ms", now());
    let v = bad.await;
    other.await;
    println!("unreachable {}", v);
}
