async fn get() -> u32 { 1 }
fn sync_fn() -> u32 {
    get().await //~ ERROR `await` is only allowed inside `async` functions and blocks
}
async fn ok() -> u32 { get().await + 1 }
fn closure() {
    let c = || get().await; //~ ERROR E0728
    let block = async { get().await };
}
async fn not_future() {
    let x = 5u8;
    x.await; //~ ERROR `u8` is not a future
}
fn main() {}
