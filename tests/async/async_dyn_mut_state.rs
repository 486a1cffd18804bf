// dynbox-only: `&mut self` async methods through `&mut dyn` keeping state
// across awaits (`.box` per call), and `Box<dyn>` objects moved into tasks
// that box a call on them; a task still sleeping when main returns is
// dropped with what it holds (its guard and its object) before reaching
// its `.box`. Boxed: 4 feeds in drive + 1 in the first task = 5.
trait Machine {
    async fn feed(&mut self, input: u32) -> u32;
    fn state(&self) -> String;
}

struct Adder {
    total: u32,
    log: Vec<u32>,
}

struct Blinker {
    on: bool,
    flips: u32,
}

struct Noisy {
    name: &'static str,
}

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {} at {}ms", self.name, now());
    }
}

impl Machine for Adder {
    async fn feed(&mut self, input: u32) -> u32 {
        self.log.push(input);
        sleep(1).await;
        self.total += input;
        self.total
    }
    fn state(&self) -> String {
        format!("adder {} {:?}", self.total, self.log)
    }
}

impl Machine for Blinker {
    async fn feed(&mut self, input: u32) -> u32 {
        let mut i = 0;
        while i < input {
            self.on = !self.on;
            self.flips += 1;
            yield_now().await;
            i += 1;
        }
        self.flips
    }
    fn state(&self) -> String {
        format!("blinker on={} flips={}", self.on, self.flips)
    }
}

async fn drive(m: &mut dyn Machine, inputs: &[u32]) -> u32 {
    let mut last = 0;
    for x in inputs {
        last = m.feed(*x).box.await;
    }
    last
}

async fn main() {
    let mut a = Adder { total: 0, log: Vec::new() };
    let mut b = Blinker { on: false, flips: 0 };
    println!("adder -> {} at {}ms", drive(&mut a, &[1, 2]).await, now());
    println!("blinker -> {} at {}ms", drive(&mut b, &[3, 2]).await, now());
    println!("{}; {}", a.state(), b.state());
    let mut boxed: Box<dyn Machine> = Box::new(a);
    let h = spawn(async move {
        let _n = Noisy { name: "adder task guard" };
        let v = boxed.feed(10).box.await;
        println!("spawned adder -> {} ({}) at {}ms", v, boxed.state(), now());
        v
    });
    let mut other: Box<dyn Machine> = Box::new(Adder { total: 100, log: Vec::new() });
    let _left = spawn(async move {
        let _n = Noisy { name: "pending task guard" };
        sleep(50).await;
        other.feed(1).box.await
    });
    println!("joined {} at {}ms", h.await, now());
    println!("main returns at {}ms", now());
}
