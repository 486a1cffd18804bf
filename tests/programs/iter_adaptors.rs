fn main() {
    let v = vec![5, 3, 8, 1, 9, 2];
    let doubled: Vec<i32> = v.iter().map(|x| x * 2).collect();
    println!("map {:?}", doubled);
    let evens: Vec<&i32> = v.iter().filter(|x| **x % 2 == 0).collect();
    println!("filter {:?}", evens);
    for (i, x) in v.iter().enumerate() {
        print!("{}={} ", i, x);
    }
    println!();
    let pairs: Vec<(i32, char)> = v.iter().cloned().zip("abc".chars()).collect();
    println!("zip {:?}", pairs);
    let back: Vec<i32> = v.iter().rev().copied().collect();
    println!("rev {:?}", back);
    let some: Vec<i32> = v.iter().skip(1).take(3).copied().collect();
    println!("skip/take {:?}", some);
    let joined: Vec<i32> = v.iter().copied().chain(vec![100, 200]).collect();
    println!("chain {:?}", joined);
    println!("sum {} count {}", v.iter().sum::<i32>(), v.iter().count());
    println!("any>8 {} all>0 {}", v.iter().any(|&x| x > 8), v.iter().all(|&x| x > 0));
    println!("position of 8: {:?} of 7: {:?}", v.iter().position(|&x| x == 8), v.iter().position(|&x| x == 7));
    println!("find >4: {:?}", v.iter().find(|&&x| x > 4));
    println!("min {:?} max {:?}", v.iter().min(), v.iter().max());
    let product = v.iter().fold(1i64, |acc, &x| acc * x as i64);
    println!("fold {}", product);
    let s: String = vec!["a", "b", "c"].into_iter().collect();
    println!("collect string {}", s);
    let letters: String = (0..5).map(|i| (b'a' + i as u8) as char).collect();
    println!("{}", letters);
    let total: i32 = (1..=10).filter(|n| n % 3 == 0).map(|n| n * n).sum();
    println!("range pipeline {}", total);
    let empty: Vec<i32> = Vec::new();
    println!("empty max {:?} sum {}", empty.iter().max(), empty.iter().sum::<i32>());
}
