fn main() {
    let values = (0.0f64, -0.0f64, 1.0f64, 0.1 + 0.2, 1.0 / 3.0);
    println!("{} {} {} {} {}", values.0, values.1, values.2, values.3, values.4);
    println!("{:?} {:?} {:?} {:?} {:?}", values.0, values.1, values.2, values.3, values.4);
    let big = 1e15;
    let bigger = 1e16;
    let tiny = 1.5e-5;
    println!("{} {} {} {:?} {:?}", big, bigger, tiny, bigger, tiny);
    println!("{} {} {}", f64::INFINITY, -f64::INFINITY, f64::NAN);
    println!("{:.0} {:.0} {:.0} {:.1} {:.1}", 0.5, 1.5, 2.5, 0.25, 0.35);
    println!("{:8.3}|{:<8.3}|{:^8.3}|{:+.2}|{:08.2}", 3.14159, 2.71828, 1.41421, 1.0, -5.5);
    println!("{:e} {:E} {:.2e} {:e}", 1234.5, 0.00012, 123456.0, 0.0);
    let f: f32 = 0.1;
    println!("{} {:?} {} {}", f, f, f as f64, 16777217.0f32);
    println!("{} {}", 1.0e300 * 1.0e10, (2.0f64).sqrt());
    println!("{} {} {}", 7.0 / 2.0, -7.5f64.floor(), 7.5f64.round());
    println!("{} {} {}", (10.0f64).powi(3), (2.0f64).powf(0.5), 9.99f64.trunc());
    println!("{} {}", 255.9 as u8, -1.5 as u32);
    println!("{} {}", 3.7f64 as i32, 1e20 as i64);
    consts();
}

fn consts() {
    println!("{} {} {}", std::f64::consts::PI, f64::MAX, f64::EPSILON);
    println!("{:.4} {} {}", std::f64::consts::E, f64::MIN_POSITIVE, f32::MAX);
}
