//! The seed's running example: an async `HttpClient` called through `dyn`, boxed at the call site with `.box`
// The seeds' running example: an async trait called through `dyn`,
// with the caller choosing to box the future at the call site.

struct Response {
    status: u32,
    body: String,
}

trait HttpClient {
    async fn fetch(&self, url: &str) -> Response;
    fn name(&self) -> String;
}

struct MockClient {
    latency_ms: u64,
}

impl HttpClient for MockClient {
    async fn fetch(&self, url: &str) -> Response {
        sleep(self.latency_ms).await;
        Response { status: 200, body: format!("<page {}>", url) }
    }

    fn name(&self) -> String {
        String::from("mock")
    }
}

// A middleware that owns another client behind `dyn`.
struct Logging {
    inner: Box<dyn HttpClient>,
}

impl HttpClient for Logging {
    async fn fetch(&self, url: &str) -> Response {
        println!("[{}ms] {} GET {}", now(), self.inner.name(), url);
        let r = self.inner.fetch(url).box.await;
        println!("[{}ms] {} -> {}", now(), url, r.status);
        r
    }

    fn name(&self) -> String {
        format!("logging({})", self.inner.name())
    }
}

// Dynamic dispatch: the call site opts into one allocation with `.box`.
async fn fetch_data(client: &dyn HttpClient, url: &str) -> Response {
    client.fetch(url).box.await
}

// The same call written with the macro form.
async fn fetch_twice(client: &dyn HttpClient, url: &str) -> usize {
    let a = dyn_box!(client.fetch(url)).await;
    let b = dyn_box!(client.fetch(url)).await;
    a.body.len() + b.body.len()
}

// Static dispatch: the future is stored inline, no allocation at all.
async fn fetch_static<C: HttpClient>(client: &C, url: &str) -> Response {
    client.fetch(url).await
}

async fn main() {
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
