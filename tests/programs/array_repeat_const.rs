// `[CONST; N]` of a type with drop glue: every element a fresh value of
// the constant (Vec, String, a user Drop type), dropped in order; methods
// taking `&mut self` on array elements change the element in place.
const EMPTY: Vec<u32> = Vec::new();
const NAME: String = String::new();

struct Slot(u32);

impl Drop for Slot {
    fn drop(&mut self) {
        println!("drop slot {}", self.0);
    }
}

const ZERO: Slot = Slot(0);

fn main() {
    let mut v = [EMPTY; 3];
    v[1].push(7);
    v[2].push(8);
    v[2].push(9);
    println!("{:?}", v);
    let mut s = [NAME; 2];
    s[0].push_str("hi");
    println!("{:?} {}", s, s[1].is_empty());
    {
        let mut slots = [ZERO; 3];
        slots[1].0 = 5;
        slots[2] = Slot(6);
        println!("slots {} {} {}", slots[0].0, slots[1].0, slots[2].0);
    }
    println!("end");
}
