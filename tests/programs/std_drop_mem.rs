struct Noisy {
    name: &'static str,
}

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.name);
    }
}

fn main() {
    let a = Noisy { name: "a" };
    let b = Noisy { name: "b" };
    drop(a);
    println!("after explicit drop");
    let mut x = 1;
    let mut y = 2;
    std::mem::swap(&mut x, &mut y);
    println!("{} {}", x, y);
    let old = std::mem::replace(&mut x, 50);
    println!("{} {}", old, x);
    let boxed = Box::new(41);
    println!("{}", *boxed + 1);
    let _keep = b;
    println!("end of main");
}
