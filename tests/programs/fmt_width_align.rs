fn main() {
    let n = 42;
    let neg = -7i64;
    let pi = 3.14159265;
    let name = "dynbox";
    let width = 9;
    let prec = 2;
    println!("[{:5}] [{:<5}] [{:^5}] [{:>5}]", n, n, n, n);
    println!("[{:*^9}] [{:->7}] [{:_<6}]", n, neg, 'x');
    println!("[{:+}] [{:+}] [{:05}] [{:<05}] [{:+06}]", n, neg, neg, n, n);
    println!("[{:#x}] [{:#X}] [{:#o}] [{:#b}] [{:x}] [{:08b}]", 255, 255, 8, 5, 3054, 19u8);
    println!("[{:.3}] [{:8.2}] [{:<8.1}] [{:^10.4}] [{:e}]", pi, pi, pi, pi, 1234.5);
    println!("[{:10}] [{:<10}] [{:>10}] [{:^10}] [{:.3}]", name, name, name, name, name);
    println!("[{:>width$}] [{:>1$}] [{:.prec$}] [{:.*}]", n, n, pi, 3, pi, width = width, prec = prec);
    println!("[{name}] [{n:>4}] [{pi:.1}] [{0}-{0}] [{1}{0}]", 'a', 'b');
    println!("[{:?}] [{:?}] [{:?}] [{:?}]", name, 'q', '\n', "tab\there \"quoted\"");
    println!("[{:5}] [{:<7?}] [{:>6}]", true, false, 'c');
    println!("{{literal}} {}%", 100);
    let f = 0.1 + 0.2;
    println!("{} {} {} {}", f, 1.0f64, 1e21, -0.0f64);
    println!("{:?} {:?} {} {}", 1.0f64, 0.1f32, 1.7976931348623157e308, 1.5e-7);
    eprintln!("to stderr {}", n);
}
