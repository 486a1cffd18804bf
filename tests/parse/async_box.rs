// The proposal's syntax: `.box` and `dyn_box!`, awaits and async blocks.
trait HttpClient {
    async fn fetch(&self, url: &str) -> String;
}

async fn fetch_data(client: &dyn HttpClient, url: &str) -> String {
    let a = client.fetch(url).box.await;
    let b = dyn_box!(client.fetch(url)).await;
    let c = async move { a.len() + b.len() };
    let futs: Vec<Pin<Box<dyn Future<Output = u64>>>> = Vec::new();
    let r = spawn(async { 1 }).await;
    for x in client.items().box {}
    sleep(10).await;
    c.await.to_string()
}

async fn main() {
    let s = block_on(async { 3 });
    let t = fetch_data(&Mock, "/").await?;
}
