// fmt_floats.rs — f64/f32 formatting on pseudo-random values: the golden
// fmt_floats.out comes from rustc (gen_goldens.py); test_fmt.c draws the
// same values with the same splitmix64 and must print the same lines.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E3779B97F4A7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
    z ^ (z >> 31)
}

fn main() {
    let mut st = 42u64;
    for i in 0..3000u64 {
        let r = splitmix(&mut st);
        let x = match i % 3 {
            0 => f64::from_bits(r),
            1 => ((r >> 11) as f64) / ((1u64 << 53) as f64) * 10f64.powi((i % 40) as i32 - 20),
            _ => ((r % 2000000) as f64 - 1000000.0) / 1000.0,
        };
        println!("{} {:?} {:e} {:.3} {:.0} {:+.10e} {:15.5} {:E}", x, x, x, x, x, x, x, x);
        let y = f32::from_bits((r >> 32) as u32);
        let z = x as f32;
        println!("{} {:?} {:e} {:.2} {} {:?}", y, y, y, y, z, z);
    }
}
