// dynbox-only: an error test (E0733 with dynbox's `.box` help); rustc gives the same error without the help.
async fn fib(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    fib(n - 1).await + fib(n - 2).await
}

async fn main() {
    println!("{}", fib(5).await);
}
