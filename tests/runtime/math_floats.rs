// math_floats.rs — f64 methods on pseudo-random inputs, printed as bit
// patterns: the golden math_floats.out comes from rustc (gen_goldens.py);
// test_arith.c draws the same inputs and must get the same bits.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E3779B97F4A7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
    z ^ (z >> 31)
}

fn main() {
    let mut st = 7u64;
    for i in 0..2000u64 {
        let r = splitmix(&mut st);
        let x = match i % 4 {
            0 => f64::from_bits(r),
            1 => ((r >> 11) as f64) / ((1u64 << 53) as f64) * 2.0 - 1.0,
            2 => ((r % 2000000) as f64 - 1000000.0) / 1000.0,
            _ => ((r >> 11) as f64) * 2f64.powi((i % 64) as i32 - 80),
        };
        let y = f64::from_bits(splitmix(&mut st)) % 100.0;
        let v = [
            x.cbrt(), x.sin(), x.cos(), x.tan(), x.exp(), x.ln(), x.log10(), x.log2(), x.asin(),
            x.acos(), x.atan(), x.sqrt(), x.powf(y), x.powi((i % 21) as i32 - 10), x.hypot(y),
            x.atan2(y), x.round(), x.fract(), x.signum(), x.min(y), x.max(y), x.mul_add(y, 1.5),
            x % y, x.floor(), x.ceil(), x.trunc(), x.abs(),
        ];
        let line: Vec<String> = v.iter().map(|f| format!("{:016x}", f.to_bits())).collect();
        println!("{}", line.join(" "));
    }
}
