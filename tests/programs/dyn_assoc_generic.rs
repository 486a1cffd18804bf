// `dyn` of traits whose method signatures use the trait's generic
// parameters and associated types: `dyn Store<Key = K>`, `dyn Conv<T>`.
trait Store {
    type Key;
    type Value;
    fn get(&self, k: Self::Key) -> Option<Self::Value>;
    fn name(&self) -> String;
}

trait Conv<T> {
    fn conv(&self, t: T) -> T;
    fn both(&self, a: T, b: T) -> (T, T);
}

struct Squares;
struct Names {
    items: Vec<String>,
}

impl Store for Squares {
    type Key = u32;
    type Value = u64;
    fn get(&self, k: u32) -> Option<u64> {
        if k < 10 { Some((k as u64) * (k as u64)) } else { None }
    }
    fn name(&self) -> String {
        String::from("squares")
    }
}

impl Store for Names {
    type Key = usize;
    type Value = String;
    fn get(&self, k: usize) -> Option<String> {
        self.items.get(k).cloned()
    }
    fn name(&self) -> String {
        format!("names({})", self.items.len())
    }
}

struct Doubler;

impl Conv<i64> for Doubler {
    fn conv(&self, t: i64) -> i64 {
        t * 2
    }
    fn both(&self, a: i64, b: i64) -> (i64, i64) {
        (a * 2, b * 2)
    }
}

impl Conv<String> for Doubler {
    fn conv(&self, t: String) -> String {
        format!("{}{}", t, t)
    }
    fn both(&self, a: String, b: String) -> (String, String) {
        (b, a)
    }
}

fn show(s: &dyn Store<Key = u32, Value = u64>, k: u32) {
    println!("{} {:?}", s.name(), s.get(k));
}

fn main() {
    show(&Squares, 4);
    show(&Squares, 12);
    let n: Box<dyn Store<Key = usize, Value = String>> = Box::new(Names { items: vec![String::from("a"), String::from("b")] });
    println!("{} {:?} {:?}", n.name(), n.get(1), n.get(5));
    let c: Box<dyn Conv<i64>> = Box::new(Doubler);
    println!("{} {:?}", c.conv(21), c.both(1, 2));
    let s: &dyn Conv<String> = &Doubler;
    println!("{} {:?}", s.conv(String::from("ab")), s.both(String::from("x"), String::from("y")));
}
