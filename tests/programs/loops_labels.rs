fn find_pair(target: i32) -> (i32, i32) {
    let mut found = (0, 0);
    'outer: for a in 1..10 {
        for b in a..10 {
            if a * b == target {
                found = (a, b);
                break 'outer;
            }
            if b > 7 {
                continue 'outer;
            }
        }
    }
    found
}

fn main() {
    let mut sum = 0u64;
    for i in 0..=10u64 {
        sum += i;
    }
    println!("sum {}", sum);
    let mut n = 0u8;
    for x in 250..=255u8 {
        n = x;
    }
    println!("last {}", n);
    for _ in 5..3 {
        println!("never");
    }
    let mut counter = 0;
    let result = loop {
        counter += 1;
        if counter == 10 {
            break counter * 2;
        }
    };
    println!("result {}", result);
    let p = find_pair(42);
    println!("{} {}", p.0, p.1);
    assert!(sum == 55);
    assert_eq!(result, 20);
    assert_ne!(p.0, 0);
    let mut k = 0;
    'a: while k < 100 {
        k += 1;
        let mut j = 0;
        while j < 3 {
            j += 1;
            if k * j > 20 {
                break 'a;
            }
        }
    }
    println!("k {}", k);
}
