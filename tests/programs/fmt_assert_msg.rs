#[derive(Debug, PartialEq)]
struct Version {
    major: u32,
    minor: u32,
}

fn main() {
    let a = Version { major: 1, minor: 2 };
    let b = Version { major: 1, minor: 2 };
    assert_eq!(a, b);
    assert_ne!(a.minor, 3, "minor must not be {}", 3);
    assert!(a.major == 1, "major was {}", a.major);
    println!("checks passed");
    let c = Version { major: 1, minor: 3 };
    assert_eq!(a, c, "versions differ: {}.{} vs {}.{}", a.major, a.minor, c.major, c.minor);
    println!("unreachable");
}
