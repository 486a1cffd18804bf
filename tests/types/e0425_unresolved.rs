fn main() {
    let a = missing; //~ ERROR cannot find value `missing` in this scope
    nothing(1); //~ ERROR cannot find function `nothing` in this scope
    let b: Unknown = 1; //~ ERROR cannot find type `Unknown` in this scope
    let c = Nope::new(); //~ ERROR E0433
    let d = { let inner = 1; inner };
    let e = inner; //~ ERROR cannot find value `inner`
    println!("{zz}"); //~ ERROR cannot find value `zz` in this scope
}
