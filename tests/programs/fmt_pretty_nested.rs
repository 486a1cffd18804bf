#[derive(Debug)]
enum Leaf {
    Int(i32),
    Named { label: &'static str, weight: f32 },
    Empty,
}

#[derive(Debug)]
struct Branch {
    left: Leaf,
    right: Leaf,
}

#[derive(Debug)]
struct Tree {
    root: Branch,
    depth: usize,
    tags: (char, bool),
}

fn main() {
    let t = Tree {
        root: Branch { left: Leaf::Int(1), right: Leaf::Named { label: "n", weight: 0.5 } },
        depth: 2,
        tags: ('t', false),
    };
    println!("{:?}", t);
    println!("{:#?}", t);
    let e = Leaf::Empty;
    println!("{:?} {:#?}", e, e);
    let unit = ();
    println!("{:?}", unit);
    println!("{:#?}", (1, 'x', ("nested", 2.0)));
}
