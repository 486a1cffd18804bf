fn main() {
    let x = 5;
    let x = x * 2;
    {
        let x = "inner";
        println!("{}", x);
    }
    let y = {
        let z = x + 1;
        z * 2
    };
    println!("{} {}", x, y);
    let grade = if y > 20 { 'A' } else if y > 10 { 'B' } else { 'C' };
    println!("{}", grade);
}
