#[derive(Debug, Clone)]
struct Person {
    name: String,
    age: u32,
}

fn main() {
    let mut v: Vec<i32> = vec![5, -3, 9, 0, -8, 2];
    v.sort_by(|a, b| b.cmp(a));
    println!("{:?}", v);
    v.sort_by_key(|x| x.abs());
    println!("{:?}", v);
    v.retain(|x| *x != 0);
    println!("{:?}", v);
    let mut words = vec![String::from("pear"), String::from("fig"), String::from("banana"), String::from("kiwi")];
    words.sort_by_key(|w| w.len());
    println!("{:?}", words);
    words.sort_by(|a, b| a.cmp(b));
    println!("{:?}", words);
    words.retain(|w| w.len() > 3);
    println!("{:?}", words);
    let mut people = vec![
        Person { name: String::from("Ann"), age: 31 },
        Person { name: String::from("Bob"), age: 25 },
        Person { name: String::from("Cid"), age: 31 },
    ];
    people.sort_by_key(|p| p.age);
    for p in &people {
        println!("{} {}", p.name, p.age);
    }
    let threshold = 30;
    people.retain(|p| p.age > threshold);
    println!("{}", people.len());
}
