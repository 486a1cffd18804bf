// The twin of ../shared/examples/http_client.rs for rustc: the same program
// with `async fn fetch` through `dyn` desugared by hand — the trait returns
// `Pin<Box<dyn Future>>`, so each call through `dyn` is one `Box::pin`, the
// allocation dynbox makes at each `.box` / `dyn_box!` site. The static call
// keeps an inline future through a second, generic-friendly method.
#[path = "rt.rs"]
mod rt;
use rt::{now, run_main, sleep};
use std::future::Future;
use std::pin::Pin;

struct Response {
    status: u32,
    body: String,
}

trait HttpClient {
    fn fetch<'a>(&'a self, url: &'a str) -> Pin<Box<dyn Future<Output = Response> + 'a>>;
    fn name(&self) -> String;
}

struct MockClient {
    latency_ms: u64,
}

impl MockClient {
    // What `async fn fetch` is under static dispatch: no allocation.
    async fn fetch_inline(&self, url: &str) -> Response {
        sleep(self.latency_ms).await;
        Response { status: 200, body: format!("<page {}>", url) }
    }
}

impl HttpClient for MockClient {
    fn fetch<'a>(&'a self, url: &'a str) -> Pin<Box<dyn Future<Output = Response> + 'a>> {
        Box::pin(self.fetch_inline(url))
    }

    fn name(&self) -> String {
        String::from("mock")
    }
}

struct Logging {
    inner: Box<dyn HttpClient>,
}

impl HttpClient for Logging {
    fn fetch<'a>(&'a self, url: &'a str) -> Pin<Box<dyn Future<Output = Response> + 'a>> {
        Box::pin(async move {
            println!("[{}ms] {} GET {}", now(), self.inner.name(), url);
            let r = self.inner.fetch(url).await;
            println!("[{}ms] {} -> {}", now(), url, r.status);
            r
        })
    }

    fn name(&self) -> String {
        format!("logging({})", self.inner.name())
    }
}

async fn fetch_data(client: &dyn HttpClient, url: &str) -> Response {
    client.fetch(url).await
}

async fn fetch_twice(client: &dyn HttpClient, url: &str) -> usize {
    let a = client.fetch(url).await;
    let b = client.fetch(url).await;
    a.body.len() + b.body.len()
}

async fn fetch_static(client: &MockClient, url: &str) -> Response {
    client.fetch_inline(url).await
}

async fn async_main() {
    let mock = MockClient { latency_ms: 30 };
    let r = fetch_static(&mock, "/static").await;
    println!("[{}ms] static: {} {}", now(), r.status, r.body);

    let logged: Box<dyn HttpClient> = Box::new(Logging { inner: Box::new(MockClient { latency_ms: 20 }) });
    let r = fetch_data(&*logged, "/index.html").await;
    println!("[{}ms] dyn: {} {}", now(), r.status, r.body);

    let n = fetch_twice(&*logged, "/a").await;
    println!("[{}ms] twice: {} bytes", now(), n);
    println!("client: {}", logged.name());
}

fn main() {
    run_main(async_main());
}
