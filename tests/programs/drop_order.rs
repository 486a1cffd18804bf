struct D(&'static str);
impl Drop for D {
    fn drop(&mut self) { println!("drop {}", self.0); }
}

struct Pair { a: D, b: D }

fn make(n: &'static str) -> D { println!("make {}", n); D(n) }

fn early(flag: bool) -> u32 {
    let _x = D("early-x");
    if flag {
        let _y = D("early-y");
        return 1;
    }
    let _z = D("early-z");
    2
}

fn consume(d: D) { println!("consume {}", d.0); }

fn maybe(flag: bool) -> Option<u32> {
    let _g = D("maybe-guard");
    let v = if flag { Some(5) } else { None };
    let n = v?;
    Some(n + 1)
}

fn main() {
    let _a = D("a");
    let _b = D("b");
    {
        let _inner = D("inner");
        println!("in block");
    }
    let p = Pair { a: D("p.a"), b: D("p.b") };
    let v = vec![D("v0"), D("v1"), D("v2")];
    let s = D("shadow1");
    let s = D("shadow2");
    println!("shadowed {}", s.0);
    let m = D("moved");
    let cond = v.len() == 3;
    if cond {
        consume(m);
    }
    println!("after branch");
    let t = D("temp-holder");
    drop(t);
    println!("len of temp {}", make("temp").0.len());
    let _ = make("ignored");
    println!("{}", early(true));
    println!("{}", early(false));
    println!("{:?} {:?}", maybe(true), maybe(false));
    for i in 0..3 {
        let _l = D("loop");
        if i == 1 { continue; }
        if i == 2 { break; }
        println!("loop body {}", i);
    }
    let mut r = D("reassign-old");
    r = D("reassign-new");
    println!("reassigned {}", r.0);
    let boxed: Box<D> = Box::new(D("boxed"));
    println!("box holds {}", boxed.0);
    let _unused = p.a.0.len() + v.len();
    println!("end");
}
