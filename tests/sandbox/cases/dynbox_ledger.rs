// A normal program with heap allocations: its output, events and ledger
// match `dynboxc run --json` of the same program exactly.
// expect: verdict=ok exit_code=0
// same_as: dynboxc
// load: yes
struct Point {
    x: i64,
    y: i64,
}
fn main() {
    let mut names: Vec<String> = Vec::new();
    for i in 0..5 {
        names.push(format!("item-{}", i));
    }
    let b = Box::new(Point { x: 3, y: 4 });
    println!("{} names, last {}", names.len(), names[4]);
    println!("point {} {}", b.x, b.y);
    eprintln!("to stderr");
}
