struct P { x: i32, y: i32 }
struct T(u8, u8);
fn main() {
    let p = P { x: 1, y: 2 };
    let a = p.z; //~ ERROR no field `z` on type `P`
    let b = 5u8.x; //~ ERROR `u8` is a primitive type and therefore doesn't have fields
    let t = T(1, 2);
    let c = t.2; //~ ERROR no field `2` on type `T`
    let v = vec![1];
    let d = v.len; //~ ERROR field `len` of struct `Vec` is private
    let e = P { x: 1 }; //~ ERROR missing field `y` in initializer of `P`
    let f = P { x: 1, y: 2, z: 3 }; //~ ERROR struct `P` has no field named `z`
    let g = P { x: 1, x: 2, y: 3 }; //~ ERROR field `x` specified more than once
    let h = 5u8[0]; //~ ERROR cannot index into a value of type `u8`
    let i = v[1u8]; //~ ERROR cannot be indexed by `u8`
}
