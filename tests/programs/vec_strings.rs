fn main() {
    let mut names: Vec<String> = Vec::new();
    names.push(String::from("carol"));
    names.push("alice".to_string());
    names.push(format!("bob{}", 2));
    println!("{:?}", names);
    names.sort();
    println!("{:?}", names);
    println!("{}", names.join(", "));
    let lens: Vec<usize> = names.iter().map(|n| n.len()).collect();
    println!("{:?}", lens);
    let first = names.remove(0);
    println!("{} {:?}", first, names);
    let nested = vec![vec![1, 2], vec![], vec![3]];
    println!("{:?} {}", nested, nested.len());
    let words = vec!["x", "y", "z"];
    println!("{:#?}", words);
    for name in names {
        println!("owned {}", name);
    }
}
