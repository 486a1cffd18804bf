use std::fmt::Write;
use std::fmt;

struct Grid {
    w: usize,
    h: usize,
}

impl fmt::Display for Grid {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for y in 0..self.h {
            for x in 0..self.w {
                let c = if (x + y) % 2 == 0 { '#' } else { '.' };
                let _ = write!(f, "{}", c);
            }
            let _ = writeln!(f);
        }
        write!(f, "{}x{}", self.w, self.h)
    }
}

impl fmt::Debug for Grid {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Grid").field("w", &self.w).field("h", &self.h).finish()
    }
}

fn main() {
    let mut out = String::new();
    write!(out, "{}-{}", 1, 2).unwrap();
    writeln!(out, " and {:?}", "three").unwrap();
    write!(&mut out, "{:>4}", 5).unwrap();
    print!("{}", out);
    println!();
    let g = Grid { w: 3, h: 2 };
    println!("{}", g);
    println!("{:?}", g);
    let s = format!("[{:<6}]", format!("{}", 42));
    println!("{}", s);
}
