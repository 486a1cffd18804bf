fn main() {
    let n = 2.pow(3); //~ ERROR can't call method `pow` on ambiguous numeric type `{integer}`
    let m = 7.max(3);
}
