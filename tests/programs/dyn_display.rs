// `&dyn fmt::Display` / `&dyn Debug` arguments and `Box<dyn Display>` in a Vec.
use std::fmt;

struct Point {
    x: i32,
    y: i32,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

#[derive(Debug)]
struct Tag {
    name: String,
    id: u32,
}

fn show(label: &str, v: &dyn fmt::Display) {
    println!("{}: {}", label, v);
}

fn show_width(v: &dyn fmt::Display) -> String {
    format!("[{:>8}]", v)
}

fn debug(v: &dyn fmt::Debug) {
    println!("{:?}", v);
}

fn main() {
    let p = Point { x: 1, y: -2 };
    show("point", &p);
    show("int", &42i32);
    show("str", &"hello");
    show("string", &String::from("owned"));
    println!("{}", show_width(&7u8));
    println!("{}", show_width(&p));
    debug(&Tag { name: String::from("t"), id: 3 });
    debug(&vec![1, 2, 3]);
    debug(&Some("x"));
    let items: Vec<Box<dyn fmt::Display>> = vec![Box::new(p), Box::new(2.5f64), Box::new(String::from("s")), Box::new('c')];
    for it in items.iter() {
        println!("item {}", it);
    }
    let joined: Vec<String> = items.iter().map(|i| i.to_string()).collect();
    println!("{}", joined.join(","));
    let d: Box<dyn fmt::Debug> = Box::new(Tag { name: String::from("boxed"), id: 9 });
    println!("{:?} / {:#?}", d, d);
}
