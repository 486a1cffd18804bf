//! A Tower-style service stack: static dispatch allocates nothing, `dyn Service` boxes per call
// A Tower-style service trait written with plain `async fn`.
// Generic code gets zero-allocation static dispatch; a runtime-built
// middleware stack uses `dyn Service` and boxes at each call site.

struct Request {
    path: String,
    attempt: u32,
}

trait Service {
    async fn call(&mut self, req: Request) -> u32;
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
            let status = self.inner.call(Request { path: req.path.clone(), attempt: attempt }).box.await;
            if status == 200 || attempt >= self.max {
                return status;
            }
            attempt += 1;
            println!("  retry {} for {}", attempt, req.path);
        }
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
        let status = self.inner.call(req).box.await;
        println!("  {} took {}ms", path, now() - start);
        status
    }

    fn describe(&self) -> String {
        format!("timing({})", self.inner.describe())
    }
}

// Static dispatch over any service: monomorphized, no boxing.
async fn serve_all<S: Service>(svc: &mut S, paths: &Vec<String>) -> u32 {
    let mut ok = 0;
    for p in paths {
        if svc.call(Request { path: p.clone(), attempt: 1 }).await == 200 {
            ok += 1;
        }
    }
    ok
}

async fn main() {
    let paths = vec![String::from("/"), String::from("/about"), String::from("/missing")];

    let mut plain = Backend { served: 0 };
    let ok = serve_all(&mut plain, &paths).await;
    println!("static: {} ok, {}", ok, plain.describe());

    let mut stack: Box<dyn Service> = Box::new(Timing {
        inner: Box::new(Retry { inner: Box::new(Backend { served: 0 }), max: 3 }),
    });
    let mut ok = 0;
    for p in &paths {
        let status = stack.call(Request { path: p.clone(), attempt: 1 }).box.await;
        println!("{} -> {}", p, status);
        if status == 200 {
            ok += 1;
        }
    }
    println!("dyn: {} ok at {}ms, {}", ok, now(), stack.describe());
}
