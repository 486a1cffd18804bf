#[derive(Debug)]
struct Item {
    id: u32,
    price: f64,
}

fn main() {
    let name = "widget";
    let qty = 3;
    let item = Item { id: 7, price: 2.5 };
    println!("{name} x{qty}");
    println!("{name:>10}|{qty:<4}|{qty:^5}|");
    println!("{item:?}");
    println!("{item:#?}");
    println!("{0} {1} {0} {name}", "a", "b");
    println!("{total:.2} {pct:>6.1}%", total = item.price * qty as f64, pct = 12.345);
    let w = 12;
    let p = 3;
    println!("[{:>w$.p$}] [{:<w$}] [{:^w$?}]", 3.14159, name, 'c');
    println!("{:#010x} {:+.3e} {:#?}", 255, 123456.0, (1, "t"));
    println!("{id:03} {price:08.3}", id = item.id, price = item.price);
    print!("no newline, ");
    print!("{}", "then one\n");
    println!();
}
