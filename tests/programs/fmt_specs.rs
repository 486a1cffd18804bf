fn main() {
    let n = 42;
    let x = 3.14159f64;
    let s = "abc";
    println!("[{:5}] [{:<5}] [{:^5}] [{:>5}]", n, n, n, n);
    println!("[{:05}] [{:+}] [{:x}] [{:X}] [{:#x}] [{:o}] [{:b}] [{:#b}]", n, n, 255, 255, 255, 8, 5, 5);
    println!("[{:.2}] [{:8.3}] [{:<8.1}] [{}]", x, x, x, 1.0f64);
    println!("[{:*^9}] [{:-<6}] [{:?}] [{}]", s, s, s, s);
    println!("{{}} {0} {0} {1}", n, s);
    println!("{n} {s}");
    println!("{:?} {:?} {}", 'q', true, 'é');
    print!("no newline ");
    println!();
    eprintln!("to stderr");
}
