// dynbox-only: generics, async and dyn mixed: a generic async fn called
// with a concrete type (static: no box) and with `dyn Trait` behind a
// `.box` inside a generic wrapper; a generic struct holding `Box<dyn>`;
// an impl for a generic type, called statically and through `dyn` (a
// generic fn instantiated with it crashes the lowering: reported). Boxed:
// relay over 3 sources (3) + Pair's 2 x 2 rounds (4) = 7.
trait Source {
    async fn read(&self, n: u32) -> String;
    fn id(&self) -> u32;
}

struct Text {
    id: u32,
}

struct Wrapped<T> {
    inner: T,
    tag: &'static str,
}

impl Source for Text {
    async fn read(&self, n: u32) -> String {
        yield_now().await;
        format!("text{}#{}", self.id, n)
    }
    fn id(&self) -> u32 {
        self.id
    }
}

impl<T: Source> Source for Wrapped<T> {
    async fn read(&self, n: u32) -> String {
        sleep(1).await;
        let s = self.inner.read(n).await;
        format!("{}<{}>", self.tag, s)
    }
    fn id(&self) -> u32 {
        self.inner.id() + 100
    }
}

async fn read_static<S: Source>(s: &S, n: u32) -> String {
    s.read(n).await
}

async fn relay(sources: &[Box<dyn Source>]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        out.push(s.read(i as u32).box.await);
    }
    out
}

struct Pair<T> {
    left: Box<dyn Source>,
    right: Box<dyn Source>,
    extra: T,
}

impl<T: Copy + std::fmt::Debug> Pair<T> {
    async fn both(&self, n: u32) -> (String, String, T) {
        let l = self.left.read(n).box.await;
        let r = self.right.read(n + 1).box.await;
        (l, r, self.extra)
    }
}

async fn main() {
    let t = Text { id: 1 };
    println!("{} at {}ms", read_static(&t, 5).await, now());
    let w = Wrapped { inner: Text { id: 2 }, tag: "w" };
    println!("{} at {}ms", w.read(6).await, now());
    let all: Vec<Box<dyn Source>> = vec![
        Box::new(Text { id: 3 }),
        Box::new(Wrapped { inner: Text { id: 4 }, tag: "a" }),
        Box::new(Wrapped { inner: Wrapped { inner: Text { id: 5 }, tag: "in" }, tag: "out" }),
    ];
    println!("{:?} at {}ms", relay(&all).await, now());
    let ids: Vec<u32> = all.iter().map(|s| s.id()).collect();
    println!("ids {:?}", ids);
    let p = Pair { left: Box::new(Text { id: 6 }), right: Box::new(Wrapped { inner: Text { id: 7 }, tag: "r" }), extra: 'x' };
    for round in 0..2u32 {
        println!("{:?} at {}ms", p.both(round * 10).await, now());
    }
}
