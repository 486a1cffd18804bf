// dynbox: rules=stable
//! error: under today's rules (rustc 1.95) one `async fn` makes the whole trait not dyn compatible (E0038)
// Switch the options to rules=method-scope and the same program compiles:
// only calls to `render` through `dyn` would need `.box`.

trait Shape {
    fn area(&self) -> u64;
    async fn render(&self) -> String;
}

struct Square {
    side: u64,
}

impl Shape for Square {
    fn area(&self) -> u64 {
        self.side * self.side
    }

    async fn render(&self) -> String {
        format!("square {}", self.side)
    }
}

fn total(shapes: &Vec<Box<dyn Shape>>) -> u64 {
    let mut sum = 0;
    for s in shapes.iter() {
        sum += s.area();
    }
    sum
}

fn main() {
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Square { side: 2 }), Box::new(Square { side: 3 })];
    println!("total area {}", total(&shapes));
}
