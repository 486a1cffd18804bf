struct Point { x: i32, y: i32 }
fn main() {
    let q = Piont { x: 1, y: 2 };
}
