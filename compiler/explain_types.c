/* explain_types.c — the error index entries of the name resolver and type
 * checker (`dynboxc --explain CODE`): what each rustc code means, a minimal
 * erroneous example and the usual fix, in the style of rustc's error index.
 * db_explain (explain.c) falls back to this table.
 */
#include <string.h>

const char *explain_types(const char *code);

typedef struct Entry {
    const char *code;
    const char *text;
} Entry;

static const Entry entries[] = {
    { "E0004",
      "A `match` does not cover every possible value of the matched type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0004\n"
      "enum Color { Red, Green }\n"
      "\n"
      "fn name(c: Color) -> &'static str {\n"
      "    match c { // error: `Color::Green` not covered\n"
      "        Color::Red => \"red\",\n"
      "    }\n"
      "}\n"
      "```\n"
      "\n"
      "Add arms for the missing patterns (the error lists them) or a wildcard `_` arm.\n" },
    { "E0005",
      "A `let` (or `for`, or parameter) pattern can fail to match: such bindings need an irrefutable pattern.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0005\n"
      "let opt: Option<u32> = None;\n"
      "let Some(x) = opt; // error: `None` not covered\n"
      "```\n"
      "\n"
      "Use `if let`, `match`, or `let ... else { ... }` to handle the other case.\n" },
    { "E0023",
      "A tuple struct or tuple variant pattern has the wrong number of fields.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0023\n"
      "enum E { A(u32, u32) }\n"
      "fn f(e: E) { match e { E::A(x) => {} } } // error: 1 field, expected 2\n"
      "```\n"
      "\n"
      "Write one pattern per field, or use `..` for the rest: `E::A(x, ..)`.\n" },
    { "E0025",
      "A struct pattern binds the same field twice.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0025\n"
      "struct P { x: u8 }\n"
      "fn f(p: P) { let P { x, x: y } = p; } // error\n"
      "```\n"
      "\n"
      "Mention each field once.\n" },
    { "E0026",
      "A struct pattern names a field the struct or variant does not have.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0026\n"
      "struct P { x: u8 }\n"
      "fn f(p: P) { let P { z } = p; } // error: no field `z`\n"
      "```\n"
      "\n"
      "Use the names of the fields as declared.\n" },
    { "E0027",
      "A struct pattern does not mention every field and has no `..`.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0027\n"
      "struct P { x: u8, y: u8 }\n"
      "fn f(p: P) { let P { x } = p; } // error: `y` not mentioned\n"
      "```\n"
      "\n"
      "Mention the missing fields, or add `..` to ignore them: `let P { x, .. } = p;`.\n" },
    { "E0029",
      "A range pattern uses a type that is neither `char` nor numeric.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0029\n"
      "fn f(s: &str) { match s { \"a\"..=\"z\" => {} _ => {} } } // error\n"
      "```\n"
      "\n"
      "Range patterns work on integers, floats and `char` only.\n" },
    { "E0034",
      "A method call is ambiguous: several traits in scope provide a method of that name for the type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0034\n"
      "trait A { fn go(&self) {} }\n"
      "trait B { fn go(&self) {} }\n"
      "impl A for u8 {}\n"
      "impl B for u8 {}\n"
      "fn f(x: u8) { x.go(); } // error\n"
      "```\n"
      "\n"
      "Call the method through its trait: `A::go(&x)` or `<u8 as B>::go(&x)`.\n" },
    { "E0046",
      "An `impl Trait for Type` leaves out items the trait requires (methods without a default body, associated types).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0046\n"
      "trait Shape { fn area(&self) -> u64; }\n"
      "struct Sq;\n"
      "impl Shape for Sq {} // error: missing `area`\n"
      "```\n"
      "\n"
      "Implement every required item of the trait.\n" },
    { "E0049",
      "An impl's method has a different number of type parameters than the trait's declaration.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0049\n"
      "trait T { fn f<X>(&self, x: X); }\n"
      "struct S;\n"
      "impl T for S { fn f(&self, x: u32) {} } // error\n"
      "```\n"
      "\n"
      "Declare the same generic parameters as the trait does.\n" },
    { "E0050",
      "An impl's method has a different number of parameters than the trait's declaration.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0050\n"
      "trait T { fn f(&self, a: u32); }\n"
      "struct S;\n"
      "impl T for S { fn f(&self) {} } // error\n"
      "```\n"
      "\n"
      "Take the same parameters as the trait's method.\n" },
    { "E0053",
      "An impl's method has a signature different from the trait's declaration: a parameter type, the receiver, or the return type (an `async fn` returns a future).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0053\n"
      "trait T { fn f(&self, x: u32); }\n"
      "struct S;\n"
      "impl T for S { fn f(&self, x: u64) {} } // error: expected `u32`\n"
      "```\n"
      "\n"
      "Use the trait's types in the impl's signature.\n" },
    { "E0057",
      "A closure or function-like value was called with the wrong number of arguments.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0057\n"
      "let add = |a: u32, b: u32| a + b;\n"
      "add(1); // error: takes 2 arguments\n"
      "```\n"
      "\n"
      "Pass one argument per parameter.\n" },
    { "E0061",
      "A function, method, tuple struct or tuple variant was called with the wrong number of arguments.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0061\n"
      "fn two(a: u32, b: u32) {}\n"
      "fn main() { two(1); } // error: 2 arguments expected\n"
      "```\n"
      "\n"
      "Pass one argument per parameter.\n" },
    { "E0062",
      "A struct literal sets the same field twice.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0062\n"
      "struct P { x: u8 }\n"
      "let p = P { x: 1, x: 2 }; // error\n"
      "```\n"
      "\n"
      "Set each field once.\n" },
    { "E0063",
      "A struct literal leaves out fields of the struct.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0063\n"
      "struct P { x: u8, y: u8 }\n"
      "let p = P { x: 1 }; // error: missing `y`\n"
      "```\n"
      "\n"
      "Give every field a value, or copy the rest from another value with `..other`.\n" },
    { "E0069",
      "`return;` without a value in a function that returns something.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0069\n"
      "fn f() -> u32 { return; } // error\n"
      "```\n"
      "\n"
      "Return a value of the declared type.\n" },
    { "E0070",
      "The left side of an assignment is not a place that can be assigned to.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0070\n"
      "fn f() { 1 = 2; } // error\n"
      "```\n"
      "\n"
      "Assign to a variable, a field, an index or a dereference.\n" },
    { "E0107",
      "A type, function or trait is used with the wrong number of generic arguments.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0107\n"
      "fn f(v: Vec) {} // error: missing generics for `Vec`\n"
      "```\n"
      "\n"
      "Supply the generic arguments: `Vec<u8>`.\n" },
    { "E0109",
      "Generic arguments were given to a type that takes none, such as a primitive.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0109\n"
      "let x: u32<u8> = 1; // error\n"
      "```\n"
      "\n"
      "Remove the generic arguments.\n" },
    { "E0116",
      "An inherent `impl` is written for a type defined outside the program (in dynbox: in the standard library).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0116\n"
      "impl Vec<u8> { fn total(&self) -> u32 { 0 } } // error\n"
      "```\n"
      "\n"
      "Define a trait with the method and implement it for the type, or wrap the type in a struct of your own.\n" },
    { "E0117",
      "A standard library trait is implemented for a type that is not the program's own (the orphan rule).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0117\n"
      "use std::fmt;\n"
      "impl fmt::Display for Vec<u32> { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) } }\n"
      "```\n"
      "\n"
      "Implement it for a type of your own, for example a wrapper `struct Numbers(Vec<u32>);`.\n" },
    { "E0119",
      "Two impls of the same trait apply to the same type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0119\n"
      "#[derive(Clone)]\n"
      "struct X;\n"
      "impl Clone for X { fn clone(&self) -> X { X } } // error: conflicting\n"
      "```\n"
      "\n"
      "Keep one implementation (remove the derive or the manual impl).\n" },
    { "E0120",
      "`Drop` is implemented for something other than a struct or enum of the program.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0120\n"
      "impl Drop for u32 { fn drop(&mut self) {} } // error\n"
      "```\n"
      "\n"
      "Implement `Drop` for your own structs and enums only.\n" },
    { "E0121",
      "The placeholder `_` appears in an item's signature, where types must be written out.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0121\n"
      "fn f() -> _ { 1 } // error\n"
      "```\n"
      "\n"
      "Write the type: `fn f() -> i32`.\n" },
    { "E0124",
      "A struct declares the same field twice.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0124\n"
      "struct P { x: u8, x: u16 } // error\n"
      "```\n"
      "\n"
      "Give each field a distinct name.\n" },
    { "E0164",
      "A tuple pattern `Path(..)` names something that is not a tuple struct or tuple variant.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0164\n"
      "enum E { B { x: u8 } }\n"
      "fn f(e: E) { match e { E::B(x) => {} } } // error\n"
      "```\n"
      "\n"
      "Use a struct pattern `E::B { x }` for a struct variant.\n" },
    { "E0184",
      "A type is both `Copy` and has a destructor (`impl Drop`).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0184\n"
      "#[derive(Clone, Copy)]\n"
      "struct X;\n"
      "impl Drop for X { fn drop(&mut self) {} } // error\n"
      "```\n"
      "\n"
      "A type with a destructor cannot be `Copy`: remove one of them.\n" },
    { "E0185",
      "An impl's method takes `self` while the trait's declaration has no `self` parameter.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0185\n"
      "trait T { fn f(); }\n"
      "struct S;\n"
      "impl T for S { fn f(&self) {} } // error\n"
      "```\n"
      "\n"
      "Match the trait: no `self` parameter.\n" },
    { "E0186",
      "The trait's method takes `self`, `&self` or `&mut self`, the impl's does not.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0186\n"
      "trait T { fn f(&self); }\n"
      "struct S;\n"
      "impl T for S { fn f() {} } // error\n"
      "```\n"
      "\n"
      "Take the same receiver as the trait's method.\n" },
    { "E0201",
      "An impl defines two associated items with the same name.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0201\n"
      "struct S;\n"
      "impl S { fn f(&self) {} fn f(&self) {} } // error\n"
      "```\n"
      "\n"
      "Rename or remove one of them.\n" },
    { "E0204",
      "`Copy` is implemented (or derived) for a type with a field that is not `Copy`.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0204\n"
      "#[derive(Clone, Copy)]\n"
      "struct Named { name: String } // error: `String` is not `Copy`\n"
      "```\n"
      "\n"
      "Only types whose fields are all `Copy` can be `Copy`; keep `Clone` and call `.clone()`.\n" },
    { "E0214",
      "Parenthesized arguments `(A) -> B` were used with a trait other than `Fn`, `FnMut` or `FnOnce`.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0214\n"
      "fn f<T: Iterator(u8)>(t: T) {} // error\n"
      "```\n"
      "\n"
      "Use angle brackets: `Iterator<Item = u8>`.\n" },
    { "E0220",
      "An associated type that the trait (or the bounds of a parameter) does not have.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0220\n"
      "fn f<T: Iterator>(t: T) -> T::Element { loop {} } // error: no `Element`\n"
      "```\n"
      "\n"
      "Use an associated type the trait declares: `T::Item`.\n" },
    { "E0223",
      "An associated type was named on a type without saying through which trait.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0223\n"
      "struct S;\n"
      "fn f() -> S::Item { loop {} } // error\n"
      "```\n"
      "\n"
      "Name the trait: `<S as Iterator>::Item`.\n" },
    { "E0224",
      "A `dyn` type has no trait, only lifetimes or auto traits.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0224\n"
      "fn f(x: Box<dyn Send>) {} // error in rustc when Send is the only bound\n"
      "```\n"
      "\n"
      "Name a trait: `Box<dyn Shape + Send>`.\n" },
    { "E0225",
      "A `dyn` type names two traits that are not auto traits.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0225\n"
      "fn f(x: Box<dyn Iterator<Item = u8> + Clone>) {} // error\n"
      "```\n"
      "\n"
      "Use one trait, or define a trait with both as supertraits.\n" },
    { "E0252",
      "Two `use` lines bring the same name into scope.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0252\n"
      "use std::fmt::Result;\n"
      "use std::result::Result; // error\n"
      "```\n"
      "\n"
      "Rename one of them with `as`.\n" },
    { "E0267",
      "`break` or `continue` inside a closure or `async` block refers to a loop outside it.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0267\n"
      "loop { let c = || { break; }; } // error\n"
      "```\n"
      "\n"
      "A closure cannot leave a loop of its caller; return a value and `break` outside.\n" },
    { "E0268",
      "`break` or `continue` is used outside of any loop.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0268\n"
      "fn f() { break; } // error\n"
      "```\n"
      "\n"
      "Use `return` to leave a function.\n" },
    { "E0282",
      "The type of a value cannot be inferred and must be written.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0282\n"
      "let v = Vec::new(); // error: type annotations needed for `Vec<_>`\n"
      "```\n"
      "\n"
      "Annotate the binding (`let v: Vec<u8> = Vec::new();`) or use the value so its type follows.\n" },
    { "E0283",
      "Several types would satisfy a requirement, and nothing says which.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0283\n"
      "let x = \"5\".parse().unwrap(); // error: which type to parse into?\n"
      "```\n"
      "\n"
      "Annotate: `let x: u32 = \"5\".parse().unwrap();` or `parse::<u32>()`.\n" },
    { "E0308",
      "An expression's type is not the type expected where it is used: an annotated `let`, an argument, a return value, the branches of an `if` or the arms of a `match`.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0308\n"
      "let x: u32 = \"text\"; // error: expected `u32`, found `&str`\n"
      "```\n"
      "\n"
      "Convert the value (`.to_string()`, `as`, `.into()`), or change the expected type.\n" },
    { "E0317",
      "An `if` without `else` is used as a value other than `()`.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0317\n"
      "let x = if true { 1 }; // error\n"
      "```\n"
      "\n"
      "Add an `else` branch with a value of the same type.\n" },
    { "E0368",
      "A compound assignment operator (`+=`, `-=`, ...) is used on a type that does not support it.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0368\n"
      "struct S;\n"
      "fn f(mut s: S) { s += S; } // error\n"
      "```\n"
      "\n"
      "Implement the matching `std::ops` trait (`AddAssign`) for the type.\n" },
    { "E0369",
      "A binary operator is used on a type that does not implement it.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0369\n"
      "struct S;\n"
      "fn f() -> bool { S == S } // error: `S` does not implement `PartialEq`\n"
      "```\n"
      "\n"
      "Implement (or derive) the operator's trait: `#[derive(PartialEq)]`, `impl std::ops::Add for S`.\n" },
    { "E0384",
      "A variable that is not `mut` is assigned a second time.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0384\n"
      "let x = 1;\n"
      "x = 2; // error\n"
      "```\n"
      "\n"
      "Declare it mutable: `let mut x = 1;`. (dynbox has no borrow checker; it checks mutability of bindings only.)\n" },
    { "E0390",
      "An inherent `impl` is written for a primitive type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0390\n"
      "impl u32 { fn double(self) -> u32 { self * 2 } } // error\n"
      "```\n"
      "\n"
      "Define a trait with the method and implement it for the primitive.\n" },
    { "E0391",
      "A type alias refers to itself.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0391\n"
      "type A = Vec<A>; // error: cycle\n"
      "```\n"
      "\n"
      "Use a struct for recursive types: `struct A(Vec<A>);`.\n" },
    { "E0403",
      "A generic parameter name is used twice in one list.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0403\n"
      "fn f<T, T>(a: T) {} // error\n"
      "```\n"
      "\n"
      "Give each parameter its own name.\n" },
    { "E0404",
      "Something that is not a trait is used as a bound or in `impl ... for`.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0404\n"
      "struct S;\n"
      "fn f<T: S>(t: T) {} // error\n"
      "```\n"
      "\n"
      "Use a trait there.\n" },
    { "E0405",
      "A trait name that is not in scope (or not in dynbox's standard library).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0405\n"
      "fn f<T: Printable>(t: T) {} // error\n"
      "```\n"
      "\n"
      "Declare the trait, or import it with `use`.\n" },
    { "E0407",
      "An `impl Trait for Type` defines a method the trait does not declare.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0407\n"
      "trait T { fn a(&self); }\n"
      "struct S;\n"
      "impl T for S { fn a(&self) {} fn b(&self) {} } // error: `b`\n"
      "```\n"
      "\n"
      "Move extra methods to an inherent `impl S { ... }` block.\n" },
    { "E0408",
      "A variable is bound in some alternatives of an or-pattern but not in all of them.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0408\n"
      "fn f(x: Option<u8>) { match x { Some(y) | None => {} } } // error\n"
      "```\n"
      "\n"
      "Bind the same variables in every alternative.\n" },
    { "E0411",
      "`Self` is used outside of an impl, trait or type definition.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0411\n"
      "fn f() -> Self { loop {} } // error\n"
      "```\n"
      "\n"
      "Name the type instead.\n" },
    { "E0422",
      "A struct literal names a type that is not in scope.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0422\n"
      "let p = Pointt { x: 1 }; // error\n"
      "```\n"
      "\n"
      "Check the spelling, or declare the struct.\n" },
    { "E0423",
      "A type (or module) is used where a value is expected.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0423\n"
      "struct P { x: u8 }\n"
      "let p = P; // error: `P` has named fields\n"
      "```\n"
      "\n"
      "Build the value: `P { x: 1 }`.\n" },
    { "E0424",
      "`self` is used in a function that has no `self` parameter.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0424\n"
      "struct S;\n"
      "impl S { fn f() -> u8 { self.g() } fn g(&self) -> u8 { 1 } } // error\n"
      "```\n"
      "\n"
      "Add a `&self` parameter, or call an associated function `Self::g(..)`.\n" },
    { "E0425",
      "A name (value, function or type) cannot be found in scope.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0425\n"
      "fn main() { println!(\"{}\", missing); } // error\n"
      "```\n"
      "\n"
      "Declare the name, fix its spelling, or bring it in with `use`.\n" },
    { "E0426",
      "`break` or `continue` names a label that does not exist.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0426\n"
      "loop { break 'outer; } // error\n"
      "```\n"
      "\n"
      "Label the loop: `'outer: loop { ... }`.\n" },
    { "E0428",
      "The same name is defined twice in one namespace.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0428\n"
      "struct A;\n"
      "struct A; // error\n"
      "```\n"
      "\n"
      "Rename or remove one of the definitions.\n" },
    { "E0432",
      "A `use` line names something that does not exist. In dynbox this includes standard library items the playground does not provide (for example `std::collections::HashMap`).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0432\n"
      "use std::collections::HashMap; // error: not supported in dynbox\n"
      "```\n"
      "\n"
      "Use what dynbox provides (docs/language.md lists the standard library surface), or write the type yourself.\n" },
    { "E0433",
      "A path's prefix (a module, crate or type) cannot be found.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0433\n"
      "let m = collections::HashMap::new(); // error\n"
      "```\n"
      "\n"
      "Check the path; in dynbox only the standard library's supported modules exist.\n" },
    { "E0437",
      "An `impl Trait for Type` defines an associated type the trait does not declare.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0437\n"
      "trait T {}\n"
      "struct S;\n"
      "impl T for S { type Extra = u8; } // error\n"
      "```\n"
      "\n"
      "Remove it, or declare it in the trait.\n" },
    { "E0438",
      "An `impl Trait for Type` defines an associated constant the trait does not declare.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0438\n"
      "trait T {}\n"
      "struct S;\n"
      "impl T for S { const N: u8 = 1; } // error\n"
      "```\n"
      "\n"
      "Remove it, or declare it in the trait.\n" },
    { "E0451",
      "A struct literal sets a private field of a standard library type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0451\n"
      "let v = Vec { len: 0 }; // error\n"
      "```\n"
      "\n"
      "Use the type's constructor: `Vec::new()`.\n" },
    { "E0507",
      "A value is moved out of a captured variable in a closure that may only borrow it (`Fn` or `FnMut`), because the closure was written where such a bound expects it.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0507\n"
      "fn call<F: Fn()>(f: F) { f() }\n"
      "let s = String::new();\n"
      "call(move || drop(s)); // error\n"
      "```\n"
      "\n"
      "Clone the value inside the closure, or accept `FnOnce` where it is called.\n" },
    { "E0525",
      "A closure is used where a stronger closure trait is required than its body allows: it mutates a capture (only `FnMut`) or moves one out (only `FnOnce`).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0525\n"
      "fn call<F: Fn()>(f: F) { f() }\n"
      "let mut n = 0;\n"
      "let inc = || n += 1;\n"
      "call(inc); // error: `inc` is only `FnMut`\n"
      "```\n"
      "\n"
      "Accept `FnMut`/`FnOnce` in the bound, or change the closure's body.\n" },
    { "E0529",
      "A slice pattern is matched against something that is not an array or slice.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0529\n"
      "fn f(x: u32) { match x { [a, b] => {} } } // error\n"
      "```\n"
      "\n"
      "Match slices and arrays with slice patterns; borrow a `Vec` as a slice first (`v.as_slice()`).\n" },
    { "E0532",
      "A pattern names the wrong kind of item: a unit pattern for a tuple variant, or the reverse.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0532\n"
      "enum E { A(u8) }\n"
      "fn f(e: E) { match e { E::A => {} } } // error\n"
      "```\n"
      "\n"
      "Use the variant's shape: `E::A(_)`.\n" },
    { "E0533",
      "A struct variant is used as a value without its fields.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0533\n"
      "enum E { B { x: u8 } }\n"
      "let e = E::B; // error\n"
      "```\n"
      "\n"
      "Write the fields: `E::B { x: 1 }`.\n" },
    { "E0559",
      "A struct literal of an enum variant names a field the variant does not have.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0559\n"
      "enum E { B { x: u8 } }\n"
      "let e = E::B { y: 1 }; // error\n"
      "```\n"
      "\n"
      "Use the variant's field names.\n" },
    { "E0560",
      "A struct literal names a field the struct does not have.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0560\n"
      "struct P { x: u8 }\n"
      "let p = P { x: 1, y: 2 }; // error\n"
      "```\n"
      "\n"
      "Use the struct's field names.\n" },
    { "E0562",
      "`impl Trait` is written somewhere other than a function's parameter or return type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0562\n"
      "let x: impl Iterator<Item = u8> = 0..3; // error\n"
      "```\n"
      "\n"
      "Write the concrete type, or `Box<dyn Trait>`.\n" },
    { "E0571",
      "`break` with a value in a `while` or `for` loop; only `loop` can produce a value.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0571\n"
      "while true { break 5; } // error\n"
      "```\n"
      "\n"
      "Use `loop` for a loop that produces a value.\n" },
    { "E0573",
      "Something that is not a type is used as a type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0573\n"
      "fn f() -> main {} // error\n"
      "```\n"
      "\n"
      "Name a type.\n" },
    { "E0574",
      "A struct literal names something that is not a struct or variant.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0574\n"
      "enum E { A }\n"
      "let e = E { }; // error\n"
      "```\n"
      "\n"
      "Name a struct or a struct-like variant.\n" },
    { "E0576",
      "A qualified path `<T as Trait>::item` names an item the trait does not have.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0576\n"
      "fn f<T: Iterator>() { <T as Iterator>::missing(); } // error\n"
      "```\n"
      "\n"
      "Use an item the trait declares.\n" },
    { "E0580",
      "`main` is declared with parameters.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0580\n"
      "fn main(args: Vec<String>) {} // error\n"
      "```\n"
      "\n"
      "`main` takes no parameters.\n" },
    { "E0593",
      "A closure takes a different number of parameters than the `Fn` bound it is passed to expects.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0593\n"
      "fn pairs<F: Fn(u8, u8) -> u8>(f: F) {}\n"
      "pairs(|x| x); // error: expected 2 parameters\n"
      "```\n"
      "\n"
      "Take as many parameters as the bound lists: `|x, y| x + y`.\n" },
    { "E0594",
      "A place is assigned that cannot be: a field of a binding that is not `mut`, data behind a `&` reference, or a capture of an `Fn` closure.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0594\n"
      "struct P { x: u8 }\n"
      "let p = P { x: 1 };\n"
      "p.x = 2; // error\n"
      "```\n"
      "\n"
      "Declare the binding `mut`, or take a `&mut` reference.\n" },
    { "E0596",
      "A mutable borrow of something that is not mutable: `&mut x` or a `&mut self` method on a binding that is not `mut`, or through a `&` reference.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0596\n"
      "let v = vec![1];\n"
      "v.push(2); // error\n"
      "```\n"
      "\n"
      "Declare the binding `mut`: `let mut v = vec![1];`.\n" },
    { "E0599",
      "A method or associated item is called that the type does not have (or whose trait it does not implement).\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0599\n"
      "struct P;\n"
      "fn f(p: P) { p.norm(); } // error\n"
      "```\n"
      "\n"
      "Define the method, implement the trait that has it, or check the receiver's type.\n" },
    { "E0600",
      "A unary operator (`-` or `!`) is applied to a type that does not support it, such as `-` on an unsigned integer.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0600\n"
      "let x = -5u32; // error\n"
      "```\n"
      "\n"
      "Use a signed type, or implement `std::ops::Neg`/`Not` for your type.\n" },
    { "E0605",
      "An `as` cast between types that `as` cannot convert.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0605\n"
      "let s = 5 as String; // error\n"
      "```\n"
      "\n"
      "`as` converts between primitive types; use `.to_string()`, `From`/`Into` or a constructor.\n" },
    { "E0606",
      "An `as` cast that is invalid for the two types, such as a reference to an integer.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0606\n"
      "let n = &5u8 as u32; // error\n"
      "```\n"
      "\n"
      "Dereference first: `*r as u32`.\n" },
    { "E0608",
      "A value is indexed (`x[i]`) whose type has no indexing.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0608\n"
      "let n = 5u8;\n"
      "let d = n[0]; // error\n"
      "```\n"
      "\n"
      "Index arrays, slices, `Vec`s and strings.\n" },
    { "E0609",
      "A field access names a field the type does not have.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0609\n"
      "struct P { x: u8 }\n"
      "fn f(p: P) -> u8 { p.z } // error\n"
      "```\n"
      "\n"
      "Use a field the struct declares.\n" },
    { "E0610",
      "A field is accessed on a primitive type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0610\n"
      "let n = 5u8;\n"
      "let d = n.x; // error\n"
      "```\n"
      "\n"
      "Primitive types have no fields.\n" },
    { "E0614",
      "A value is dereferenced (`*x`) whose type is not a reference, box or other `Deref` type.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0614\n"
      "let n = 5;\n"
      "let d = *n; // error\n"
      "```\n"
      "\n"
      "Dereference references and smart pointers only.\n" },
    { "E0615",
      "A method is used as if it were a field.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0615\n"
      "let v = vec![1];\n"
      "let n = v.capacity; // error\n"
      "```\n"
      "\n"
      "Call it: `v.capacity()`.\n" },
    { "E0616",
      "A private field of a standard library type is accessed.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0616\n"
      "let v = vec![1];\n"
      "let n = v.len; // error\n"
      "```\n"
      "\n"
      "Use the type's methods: `v.len()`.\n" },
    { "E0618",
      "Something that is not a function or closure is called.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0618\n"
      "let n = 5;\n"
      "n(); // error\n"
      "```\n"
      "\n"
      "Call functions, methods and closures.\n" },
    { "E0624",
      "A private associated function of a standard library type is called.\n"
      "\n"
      "Use the type's public methods.\n" },
    { "E0658",
      "An unstable Rust feature is used, such as inherent associated types.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0658\n"
      "struct S;\n"
      "impl S { type T = u8; } // error\n"
      "```\n"
      "\n"
      "Use a trait with an associated type.\n" },
    { "E0665",
      "`#[derive(Default)]` on an enum without a `#[default]` variant.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0665\n"
      "#[derive(Default)]\n"
      "enum E { A, B } // error\n"
      "```\n"
      "\n"
      "Implement `Default` by hand.\n" },
    { "E0689",
      "A method is called on a number literal whose type is not known yet, and the method is specific to the integer (or float) types.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0689\n"
      "let x = 2.pow(3); // error: which integer type?\n"
      "```\n"
      "\n"
      "Give the literal a type: `2_u32.pow(3)` or `let x: u32 = 2;`.\n" },
    { "E0696",
      "`continue` names a labeled block instead of a loop.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0696\n"
      "'a: { continue 'a; } // error\n"
      "```\n"
      "\n"
      "`continue` applies to loops; use `break 'a` to leave a block.\n" },
    { "E0728",
      "`.await` is used outside of an `async fn` or `async` block.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0728\n"
      "async fn get() -> u8 { 1 }\n"
      "fn f() -> u8 { get().await } // error\n"
      "```\n"
      "\n"
      "Make the caller `async`, or drive the future with `block_on(get())`.\n" },
    { "E0782",
      "A trait is used as a type without `dyn`.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0782\n"
      "trait Shape {}\n"
      "fn f(s: &Shape) {} // error\n"
      "```\n"
      "\n"
      "Write `&dyn Shape` for a trait object, or `impl Shape`/a generic parameter for static dispatch.\n" },
};

const char *explain_types(const char *code) {
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++)
        if (strcmp(entries[i].code, code) == 0) return entries[i].text;
    return NULL;
}
