// The twin of ../shared/examples/service_stack.rs for rustc, written the
// way such traits are written today: `call` returns `impl Future` and is
// excluded from the vtable (`where Self: Sized`), and a second method
// `call_boxed` returns `Pin<Box<dyn Future>>` for `dyn Service` — the one
// allocation dynbox makes at each `.box` site.
#[path = "rt.rs"]
mod rt;
use rt::{now, run_main, sleep};
use std::future::Future;
use std::pin::Pin;

struct Request {
    path: String,
    attempt: u32,
}

trait Service {
    fn call(&mut self, req: Request) -> impl Future<Output = u32>
    where
        Self: Sized;
    fn call_boxed<'a>(&'a mut self, req: Request) -> Pin<Box<dyn Future<Output = u32> + 'a>>;
    fn describe(&self) -> String;
}

struct Backend {
    served: u32,
}

impl Service for Backend {
    async fn call(&mut self, req: Request) -> u32 {
        sleep(5).await;
        self.served += 1;
        if req.path.len() > 6 { 404 } else { 200 }
    }
    fn call_boxed<'a>(&'a mut self, req: Request) -> Pin<Box<dyn Future<Output = u32> + 'a>> {
        Box::pin(self.call(req))
    }
    fn describe(&self) -> String {
        format!("backend(served={})", self.served)
    }
}

struct Retry {
    inner: Box<dyn Service>,
    max: u32,
}

impl Service for Retry {
    async fn call(&mut self, req: Request) -> u32 {
        let mut attempt = req.attempt;
        loop {
            let status = self.inner.call_boxed(Request { path: req.path.clone(), attempt: attempt }).await;
            if status == 200 || attempt >= self.max {
                return status;
            }
            attempt += 1;
            println!("  retry {} for {}", attempt, req.path);
        }
    }
    fn call_boxed<'a>(&'a mut self, req: Request) -> Pin<Box<dyn Future<Output = u32> + 'a>> {
        Box::pin(self.call(req))
    }
    fn describe(&self) -> String {
        format!("retry({}, {})", self.max, self.inner.describe())
    }
}

struct Timing {
    inner: Box<dyn Service>,
}

impl Service for Timing {
    async fn call(&mut self, req: Request) -> u32 {
        let start = now();
        let path = req.path.clone();
        let status = self.inner.call_boxed(req).await;
        println!("  {} took {}ms", path, now() - start);
        status
    }
    fn call_boxed<'a>(&'a mut self, req: Request) -> Pin<Box<dyn Future<Output = u32> + 'a>> {
        Box::pin(self.call(req))
    }
    fn describe(&self) -> String {
        format!("timing({})", self.inner.describe())
    }
}

async fn serve_all<S: Service>(svc: &mut S, paths: &Vec<String>) -> u32 {
    let mut ok = 0;
    for p in paths {
        if svc.call(Request { path: p.clone(), attempt: 1 }).await == 200 {
            ok += 1;
        }
    }
    ok
}

async fn async_main() {
    let paths = vec![String::from("/"), String::from("/about"), String::from("/missing")];

    let mut plain = Backend { served: 0 };
    let ok = serve_all(&mut plain, &paths).await;
    println!("static: {} ok, {}", ok, plain.describe());

    let mut stack: Box<dyn Service> = Box::new(Timing {
        inner: Box::new(Retry { inner: Box::new(Backend { served: 0 }), max: 3 }),
    });
    let mut ok = 0;
    for p in &paths {
        let status = stack.call_boxed(Request { path: p.clone(), attempt: 1 }).await;
        println!("{} -> {}", p, status);
        if status == 200 {
            ok += 1;
        }
    }
    println!("dyn: {} ok at {}ms, {}", ok, now(), stack.describe());
}

fn main() {
    run_main(async_main());
}
