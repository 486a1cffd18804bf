// Moving a field out of a nested field (`o.inner.name`): the rest of the
// variable is still dropped at its scope's end, field by field, in order;
// conditional and three-level moves, tuples inside structs.
struct N(&'static str);

impl Drop for N {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

struct Inner {
    name: N,
    other: N,
}

struct Outer {
    first: N,
    inner: Inner,
    last: N,
}

struct Deep {
    outer: Outer,
    pair: (N, N),
}

fn make(tag: &'static str) -> Outer {
    let _ = tag;
    Outer { first: N("first"), inner: Inner { name: N("name"), other: N("other") }, last: N("last") }
}

fn main() {
    {
        let o = make("a");
        let n = o.inner.name;
        println!("moved {}", n.0);
    }
    println!("--");
    for flag in [true, false] {
        let o = make("b");
        if flag {
            let x = o.inner.other;
            println!("took {}", x.0);
        }
        println!("end of iteration {}", flag);
    }
    println!("--");
    {
        let d = Deep { outer: make("c"), pair: (N("p0"), N("p1")) };
        let a = d.outer.inner.name;
        let b = d.pair.1;
        let c = d.outer.last;
        println!("{} {} {}", a.0, b.0, c.0);
    }
    println!("end");
}
