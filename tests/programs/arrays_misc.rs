fn sum(xs: &[i64]) -> i64 { xs.iter().sum() }

fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T {
    let mut m = xs[0];
    for &x in xs { if x > m { m = x; } }
    m
}

struct Grid { cells: [[u8; 3]; 2] }

fn main() {
    let a = [3i64, 1, 4, 1, 5];
    println!("{} {} {}", a.len(), a[2], sum(&a));
    println!("{}", largest(&[2.5, 9.0, -1.0]));
    let mut z = [0u32; 4];
    z[1] = 7;
    for i in 0..z.len() { z[i] += i as u32; }
    println!("{:?}", z);
    let names = [String::from("x"), String::from("yy")];
    for n in &names { println!("{} {}", n, n.len()); }
    let total: usize = names.iter().map(|n| n.len()).sum();
    println!("{}", total);
    let mut g = Grid { cells: [[0; 3]; 2] };
    g.cells[1][2] = 9;
    println!("{:?}", g.cells);
    let [p, q] = [10, 20];
    println!("{}", p * q);
    for w in ["one", "two"] { print!("{} ", w); }
    println!();
    let idx = a.len() + 2;
    if idx < 100 { println!("{}", a[idx - 1]); }
}
