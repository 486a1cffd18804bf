trait Named {
    fn name(&self) -> String;
}
trait Greeter: Named {
    fn greet(&self) -> String { format!("hello from {}", self.name()) }
    fn loud(&self, times: usize) -> String;
}
trait Counted { fn count(&self) -> usize; }
trait Both: Named + Counted { fn both(&self) -> String { format!("{}:{}", self.name(), self.count()) } }

struct Bot { id: u32 }
struct Person { name: String }

impl Named for Bot { fn name(&self) -> String { format!("bot#{}", self.id) } }
impl Greeter for Bot { fn loud(&self, times: usize) -> String { "BEEP".repeat(times) } }
impl Named for Person { fn name(&self) -> String { self.name.clone() } }
impl Greeter for Person {
    fn greet(&self) -> String { format!("hi, I am {}", self.name) }
    fn loud(&self, times: usize) -> String { self.name.to_uppercase().repeat(times) }
}
impl Counted for Person { fn count(&self) -> usize { self.name.len() } }
impl Both for Person {}

fn names(items: &[&dyn Named]) -> Vec<String> { items.iter().map(|n| n.name()).collect() }

fn main() {
    let people: Vec<Box<dyn Greeter>> = vec![Box::new(Bot { id: 7 }), Box::new(Person { name: String::from("Ada") })];
    for g in people.iter() {
        println!("{} / {} / {}", g.name(), g.greet(), g.loud(2));
    }
    let p = Person { name: String::from("Grace") };
    let g: &dyn Greeter = &p;
    let n: &dyn Named = g;
    println!("{}", n.name());
    let b: &dyn Both = &p;
    let c: &dyn Counted = b;
    let nm: &dyn Named = b;
    println!("{} {} {}", b.both(), c.count(), nm.name());
    let bot = Bot { id: 1 };
    let items: Vec<&dyn Named> = vec![&bot, &p];
    println!("{:?}", names(&items));
    let boxed: Box<dyn Greeter> = Box::new(Bot { id: 9 });
    let up: Box<dyn Named> = boxed;
    println!("{}", up.name());
}
