// prelude.rs — the standard library surface dynbox provides, as Rust
// declarations checked by the same checker as user code (compiled into the
// compiler as text; see the Makefile's prelude rule).
//
// Conventions:
// - Root items are what every program sees without `use` (Rust 2024's
//   prelude, plus dynbox's async runtime: sleep, spawn, block_on, yield_now,
//   now, JoinHandle, and Pin/Future). Modules exist for `use std::...` paths.
// - A fn without a body, or marked `#[intrinsic]`, is implemented by the
//   lowering/runtime; a fn with a body is ordinary code. Prelude impls may
//   leave trait items out (the lowering provides them for prelude types).
// - Lifetimes are written where Rust needs them and ignored by dynbox.

pub use option::Option;
pub use option::Option::{None, Some};
pub use result::Result;
pub use result::Result::{Err, Ok};
pub use string::{String, ToString};
pub use vec::Vec;
pub use boxed::Box;
pub use pin::Pin;
pub use future::{Future, IntoFuture};
pub use iter::{Iterator, IntoIterator, DoubleEndedIterator, ExactSizeIterator, Extend, FromIterator};
pub use clone::Clone;
pub use marker::{Copy, Send, Sized, Sync, Unpin};
pub use cmp::{PartialEq, Eq, PartialOrd, Ord};
pub use default::Default;
pub use ops::{Drop, Fn, FnMut, FnOnce};
pub use convert::{From, Into, AsRef, AsMut, TryFrom, TryInto};
pub use mem::drop;
pub use borrow::ToOwned;
pub use task::{sleep, spawn, block_on, yield_now, now, JoinHandle};

pub mod marker {
    pub trait Sized {}
    pub trait Send {}
    pub trait Sync {}
    pub trait Unpin {}
    pub trait Copy: Clone {}
    pub struct PhantomData<T: ?Sized>;
}

pub mod clone {
    pub trait Clone {
        fn clone(&self) -> Self;
        fn clone_from(&mut self, source: &Self) { *self = source.clone() }
    }
}

pub mod default {
    pub trait Default {
        fn default() -> Self;
    }
}

pub mod cmp {
    pub trait PartialEq<Rhs: ?Sized = Self> {
        fn eq(&self, other: &Rhs) -> bool;
        fn ne(&self, other: &Rhs) -> bool { !self.eq(other) }
    }
    pub trait Eq: PartialEq {}

    #[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord, Hash)]
    pub enum Ordering { Less, Equal, Greater }

    impl Ordering {
        pub fn is_eq(self) -> bool { match self { Ordering::Equal => true, _ => false } }
        pub fn is_ne(self) -> bool { !self.is_eq() }
        pub fn is_lt(self) -> bool { match self { Ordering::Less => true, _ => false } }
        pub fn is_gt(self) -> bool { match self { Ordering::Greater => true, _ => false } }
        pub fn is_le(self) -> bool { !self.is_gt() }
        pub fn is_ge(self) -> bool { !self.is_lt() }
        pub fn reverse(self) -> Ordering {
            match self { Ordering::Less => Ordering::Greater, Ordering::Equal => Ordering::Equal, Ordering::Greater => Ordering::Less }
        }
        pub fn then(self, other: Ordering) -> Ordering { match self { Ordering::Equal => other, _ => self } }
    }

    pub trait PartialOrd<Rhs: ?Sized = Self>: PartialEq<Rhs> {
        fn partial_cmp(&self, other: &Rhs) -> Option<Ordering>;
        fn lt(&self, other: &Rhs) -> bool { match self.partial_cmp(other) { Some(Ordering::Less) => true, _ => false } }
        fn le(&self, other: &Rhs) -> bool { match self.partial_cmp(other) { Some(Ordering::Less) | Some(Ordering::Equal) => true, _ => false } }
        fn gt(&self, other: &Rhs) -> bool { match self.partial_cmp(other) { Some(Ordering::Greater) => true, _ => false } }
        fn ge(&self, other: &Rhs) -> bool { match self.partial_cmp(other) { Some(Ordering::Greater) | Some(Ordering::Equal) => true, _ => false } }
    }

    pub trait Ord: Eq + PartialOrd {
        fn cmp(&self, other: &Self) -> Ordering;
        fn max(self, other: Self) -> Self where Self: Sized { if other.cmp(&self) == Ordering::Less { self } else { other } }
        fn min(self, other: Self) -> Self where Self: Sized { if other.cmp(&self) == Ordering::Less { other } else { self } }
        fn clamp(self, min: Self, max: Self) -> Self where Self: Sized {
            if self.cmp(&min) == Ordering::Less { min } else if self.cmp(&max) == Ordering::Greater { max } else { self }
        }
    }

    pub fn max<T: Ord>(a: T, b: T) -> T { a.max(b) }
    pub fn min<T: Ord>(a: T, b: T) -> T { a.min(b) }

    pub struct Reverse<T>(pub T);
}

pub mod hash {
    pub trait Hasher {
        fn finish(&self) -> u64;
        fn write(&mut self, bytes: &[u8]);
    }
    pub trait Hash {
        fn hash<H: Hasher>(&self, state: &mut H);
    }
}

pub mod ops {
    pub trait Drop {
        fn drop(&mut self);
    }

    pub trait FnOnce<Args> {
        type Output;
    }
    pub trait FnMut<Args>: FnOnce<Args> {}
    pub trait Fn<Args>: FnMut<Args> {}

    pub trait Deref {
        type Target: ?Sized;
        fn deref(&self) -> &Self::Target;
    }
    pub trait DerefMut: Deref {
        fn deref_mut(&mut self) -> &mut Self::Target;
    }

    pub trait Add<Rhs = Self> { type Output; fn add(self, rhs: Rhs) -> Self::Output; }
    pub trait Sub<Rhs = Self> { type Output; fn sub(self, rhs: Rhs) -> Self::Output; }
    pub trait Mul<Rhs = Self> { type Output; fn mul(self, rhs: Rhs) -> Self::Output; }
    pub trait Div<Rhs = Self> { type Output; fn div(self, rhs: Rhs) -> Self::Output; }
    pub trait Rem<Rhs = Self> { type Output; fn rem(self, rhs: Rhs) -> Self::Output; }
    pub trait BitAnd<Rhs = Self> { type Output; fn bitand(self, rhs: Rhs) -> Self::Output; }
    pub trait BitOr<Rhs = Self> { type Output; fn bitor(self, rhs: Rhs) -> Self::Output; }
    pub trait BitXor<Rhs = Self> { type Output; fn bitxor(self, rhs: Rhs) -> Self::Output; }
    pub trait Shl<Rhs = Self> { type Output; fn shl(self, rhs: Rhs) -> Self::Output; }
    pub trait Shr<Rhs = Self> { type Output; fn shr(self, rhs: Rhs) -> Self::Output; }
    pub trait Neg { type Output; fn neg(self) -> Self::Output; }
    pub trait Not { type Output; fn not(self) -> Self::Output; }
    pub trait AddAssign<Rhs = Self> { fn add_assign(&mut self, rhs: Rhs); }
    pub trait SubAssign<Rhs = Self> { fn sub_assign(&mut self, rhs: Rhs); }
    pub trait MulAssign<Rhs = Self> { fn mul_assign(&mut self, rhs: Rhs); }
    pub trait DivAssign<Rhs = Self> { fn div_assign(&mut self, rhs: Rhs); }
    pub trait RemAssign<Rhs = Self> { fn rem_assign(&mut self, rhs: Rhs); }
    pub trait BitAndAssign<Rhs = Self> { fn bitand_assign(&mut self, rhs: Rhs); }
    pub trait BitOrAssign<Rhs = Self> { fn bitor_assign(&mut self, rhs: Rhs); }
    pub trait BitXorAssign<Rhs = Self> { fn bitxor_assign(&mut self, rhs: Rhs); }
    pub trait ShlAssign<Rhs = Self> { fn shl_assign(&mut self, rhs: Rhs); }
    pub trait ShrAssign<Rhs = Self> { fn shr_assign(&mut self, rhs: Rhs); }

    pub struct Range<Idx> { pub start: Idx, pub end: Idx }
    pub struct RangeFrom<Idx> { pub start: Idx }
    pub struct RangeTo<Idx> { pub end: Idx }
    pub struct RangeFull;
    pub struct RangeToInclusive<Idx> { pub end: Idx }
    pub struct RangeInclusive<Idx> { start: Idx, end: Idx, exhausted: bool }

    impl<Idx> RangeInclusive<Idx> {
        pub fn new(start: Idx, end: Idx) -> RangeInclusive<Idx> { RangeInclusive { start: start, end: end, exhausted: false } }
        pub fn start(&self) -> &Idx { &self.start }
        pub fn end(&self) -> &Idx { &self.end }
    }
    impl<Idx: PartialOrd> Range<Idx> {
        pub fn contains(&self, item: &Idx) -> bool { *item >= self.start && *item < self.end }
        pub fn is_empty(&self) -> bool { !(self.start < self.end) }
    }
    impl<Idx: PartialOrd> RangeInclusive<Idx> {
        pub fn contains(&self, item: &Idx) -> bool { *item >= self.start && *item <= self.end }
        pub fn is_empty(&self) -> bool { self.exhausted || !(self.start <= self.end) }
    }

    impl<A: Step> Iterator for Range<A> { type Item = A; fn next(&mut self) -> Option<A>; }
    impl<A: Step> DoubleEndedIterator for Range<A> { fn next_back(&mut self) -> Option<A>; }
    impl<A: Step> ExactSizeIterator for Range<A> {}
    impl<A: Step> Iterator for RangeInclusive<A> { type Item = A; fn next(&mut self) -> Option<A>; }
    impl<A: Step> DoubleEndedIterator for RangeInclusive<A> { fn next_back(&mut self) -> Option<A>; }
    impl<A: Step> Iterator for RangeFrom<A> { type Item = A; fn next(&mut self) -> Option<A>; }
    impl<Idx: Clone> Clone for Range<Idx> {}
    impl<Idx: Clone> Clone for RangeInclusive<Idx> {}
    impl<Idx: PartialEq> PartialEq for Range<Idx> {}
    impl<Idx: fmt::Debug> fmt::Debug for Range<Idx> {}
    impl<Idx: fmt::Debug> fmt::Debug for RangeInclusive<Idx> {}

    // Implemented by the compiler for the integer types and char.
    pub trait Step: Clone + PartialOrd {}

    pub enum ControlFlow<B, C = ()> { Continue(C), Break(B) }

    pub trait Index<Idx: ?Sized> {
        type Output: ?Sized;
        fn index(&self, index: Idx) -> &Self::Output;
    }
    pub trait IndexMut<Idx: ?Sized>: Index<Idx> {
        fn index_mut(&mut self, index: Idx) -> &mut Self::Output;
    }
    pub trait RangeBounds<T: ?Sized> {}
    impl<T> RangeBounds<T> for Range<T> {}
    impl<T> RangeBounds<T> for RangeInclusive<T> {}
    impl<T> RangeBounds<T> for RangeFrom<T> {}
    impl<T> RangeBounds<T> for RangeTo<T> {}
    impl<T> RangeBounds<T> for RangeToInclusive<T> {}
    impl<T> RangeBounds<T> for RangeFull {}
}

pub mod num {
    // The integer and float methods (`pow`, `abs`, `wrapping_add`, `MAX`, ...)
    // are declared once here; the compiler implements these traits for every
    // integer type and float type, and looks their members up as if inherent.
    pub trait Int: Copy {
        const MAX: Self;
        const MIN: Self;
        const BITS: u32;
        fn pow(self, exp: u32) -> Self;
        fn wrapping_add(self, rhs: Self) -> Self;
        fn wrapping_sub(self, rhs: Self) -> Self;
        fn wrapping_mul(self, rhs: Self) -> Self;
        fn wrapping_div(self, rhs: Self) -> Self;
        fn wrapping_rem(self, rhs: Self) -> Self;
        fn wrapping_neg(self) -> Self;
        fn wrapping_pow(self, exp: u32) -> Self;
        fn wrapping_shl(self, rhs: u32) -> Self;
        fn wrapping_shr(self, rhs: u32) -> Self;
        fn checked_add(self, rhs: Self) -> Option<Self>;
        fn checked_sub(self, rhs: Self) -> Option<Self>;
        fn checked_mul(self, rhs: Self) -> Option<Self>;
        fn checked_div(self, rhs: Self) -> Option<Self>;
        fn checked_rem(self, rhs: Self) -> Option<Self>;
        fn checked_pow(self, exp: u32) -> Option<Self>;
        fn checked_neg(self) -> Option<Self>;
        fn saturating_add(self, rhs: Self) -> Self;
        fn saturating_sub(self, rhs: Self) -> Self;
        fn saturating_mul(self, rhs: Self) -> Self;
        fn saturating_pow(self, exp: u32) -> Self;
        fn overflowing_add(self, rhs: Self) -> (Self, bool);
        fn overflowing_sub(self, rhs: Self) -> (Self, bool);
        fn overflowing_mul(self, rhs: Self) -> (Self, bool);
        fn div_euclid(self, rhs: Self) -> Self;
        fn rem_euclid(self, rhs: Self) -> Self;
        fn abs_diff(self, other: Self) -> Self;
        fn count_ones(self) -> u32;
        fn count_zeros(self) -> u32;
        fn leading_zeros(self) -> u32;
        fn trailing_zeros(self) -> u32;
        fn rotate_left(self, n: u32) -> Self;
        fn rotate_right(self, n: u32) -> Self;
        fn swap_bytes(self) -> Self;
        fn is_power_of_two(self) -> bool;
        fn next_power_of_two(self) -> Self;
        fn min_value() -> Self;
        fn max_value() -> Self;
        fn from_str_radix(src: &str, radix: u32) -> Result<Self, ParseIntError>;
        fn to_string_radix(self, radix: u32) -> String;
    }
    pub trait SignedInt: Int {
        fn abs(self) -> Self;
        fn signum(self) -> Self;
        fn is_positive(self) -> bool;
        fn is_negative(self) -> bool;
        fn wrapping_abs(self) -> Self;
        fn checked_abs(self) -> Option<Self>;
        fn unsigned_abs(self) -> u128;
    }
    pub trait Float: Copy {
        const MAX: Self;
        const MIN: Self;
        const MIN_POSITIVE: Self;
        const EPSILON: Self;
        const INFINITY: Self;
        const NEG_INFINITY: Self;
        const NAN: Self;
        fn sqrt(self) -> Self;
        fn cbrt(self) -> Self;
        fn abs(self) -> Self;
        fn powi(self, n: i32) -> Self;
        fn powf(self, n: Self) -> Self;
        fn exp(self) -> Self;
        fn ln(self) -> Self;
        fn log(self, base: Self) -> Self;
        fn log10(self) -> Self;
        fn log2(self) -> Self;
        fn floor(self) -> Self;
        fn ceil(self) -> Self;
        fn round(self) -> Self;
        fn trunc(self) -> Self;
        fn fract(self) -> Self;
        fn sin(self) -> Self;
        fn cos(self) -> Self;
        fn tan(self) -> Self;
        fn asin(self) -> Self;
        fn acos(self) -> Self;
        fn atan(self) -> Self;
        fn atan2(self, other: Self) -> Self;
        fn hypot(self, other: Self) -> Self;
        fn min(self, other: Self) -> Self;
        fn max(self, other: Self) -> Self;
        fn clamp(self, min: Self, max: Self) -> Self;
        fn signum(self) -> Self;
        fn mul_add(self, a: Self, b: Self) -> Self;
        fn is_nan(self) -> bool;
        fn is_infinite(self) -> bool;
        fn is_finite(self) -> bool;
        fn is_sign_positive(self) -> bool;
        fn is_sign_negative(self) -> bool;
        fn to_degrees(self) -> Self;
        fn to_radians(self) -> Self;
        fn total_cmp(&self, other: &Self) -> cmp::Ordering;
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ParseIntError { kind: u8 }
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ParseFloatError { kind: u8 }
    impl fmt::Display for ParseIntError { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result; }
    impl fmt::Display for ParseFloatError { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result; }
    impl error::Error for ParseIntError {}
    impl error::Error for ParseFloatError {}
}

pub mod i8 { pub const MAX: i8 = 127; pub const MIN: i8 = -128; }
pub mod i16 { pub const MAX: i16 = 32767; pub const MIN: i16 = -32768; }
pub mod i32 { pub const MAX: i32 = 2147483647; pub const MIN: i32 = -2147483648; }
pub mod i64 { pub const MAX: i64 = 9223372036854775807; pub const MIN: i64 = -9223372036854775808; }
pub mod u8 { pub const MAX: u8 = 255; pub const MIN: u8 = 0; }
pub mod u16 { pub const MAX: u16 = 65535; pub const MIN: u16 = 0; }
pub mod u32 { pub const MAX: u32 = 4294967295; pub const MIN: u32 = 0; }
pub mod u64 { pub const MAX: u64 = 18446744073709551615; pub const MIN: u64 = 0; }
pub mod usize { pub const MAX: usize = 18446744073709551615; pub const MIN: usize = 0; }
pub mod f64 {
    pub const MAX: f64 = 1.7976931348623157e308;
    pub const EPSILON: f64 = 2.220446049250313e-16;
    pub mod consts {
        pub const PI: f64 = 3.141592653589793;
        pub const E: f64 = 2.718281828459045;
        pub const TAU: f64 = 6.283185307179586;
        pub const SQRT_2: f64 = 1.4142135623730951;
        pub const LN_2: f64 = 0.6931471805599453;
        pub const LN_10: f64 = 2.302585092994046;
        pub const FRAC_PI_2: f64 = 1.5707963267948966;
    }
}

pub mod char_methods {
    impl char {
        pub const MAX: char = '\u{10FFFF}';
        pub fn is_alphabetic(self) -> bool;
        pub fn is_numeric(self) -> bool;
        pub fn is_alphanumeric(self) -> bool;
        pub fn is_whitespace(self) -> bool;
        pub fn is_uppercase(self) -> bool;
        pub fn is_lowercase(self) -> bool;
        pub fn is_control(self) -> bool;
        pub fn is_ascii(&self) -> bool;
        pub fn is_ascii_digit(&self) -> bool;
        pub fn is_ascii_hexdigit(&self) -> bool;
        pub fn is_ascii_alphabetic(&self) -> bool;
        pub fn is_ascii_alphanumeric(&self) -> bool;
        pub fn is_ascii_uppercase(&self) -> bool;
        pub fn is_ascii_lowercase(&self) -> bool;
        pub fn is_ascii_punctuation(&self) -> bool;
        pub fn is_ascii_whitespace(&self) -> bool;
        pub fn is_digit(self, radix: u32) -> bool;
        pub fn to_digit(self, radix: u32) -> Option<u32>;
        pub fn to_ascii_uppercase(&self) -> char;
        pub fn to_ascii_lowercase(&self) -> char;
        pub fn to_uppercase(self) -> ToUppercase;
        pub fn to_lowercase(self) -> ToLowercase;
        pub fn len_utf8(self) -> usize;
        pub fn eq_ignore_ascii_case(&self, other: &char) -> bool;
        pub fn from_u32(i: u32) -> Option<char>;
        pub fn from_digit(num: u32, radix: u32) -> Option<char>;
    }
    pub struct ToUppercase { chars: [char; 3], len: usize, pos: usize }
    pub struct ToLowercase { chars: [char; 3], len: usize, pos: usize }
    impl Iterator for ToUppercase { type Item = char; fn next(&mut self) -> Option<char>; }
    impl Iterator for ToLowercase { type Item = char; fn next(&mut self) -> Option<char>; }
    impl fmt::Display for ToUppercase { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result; }
    impl fmt::Display for ToLowercase { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result; }
}

pub mod option {
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
    pub enum Option<T> {
        None,
        Some(T),
    }

    impl<T> Option<T> {
        pub fn is_some(&self) -> bool { match self { Some(_) => true, None => false } }
        pub fn is_none(&self) -> bool { !self.is_some() }
        pub fn is_some_and<F: FnOnce(T) -> bool>(self, f: F) -> bool { match self { Some(x) => f(x), None => false } }
        pub fn is_none_or<F: FnOnce(T) -> bool>(self, f: F) -> bool { match self { Some(x) => f(x), None => true } }
        pub fn as_ref(&self) -> Option<&T> { match self { Some(x) => Some(x), None => None } }
        pub fn as_mut(&mut self) -> Option<&mut T> { match self { Some(x) => Some(x), None => None } }
        // unwrap and expect panic at the caller's location: intrinsics.
        pub fn unwrap(self) -> T;
        pub fn expect(self, msg: &str) -> T;
        pub fn unwrap_or(self, default: T) -> T { match self { Some(x) => x, None => default } }
        pub fn unwrap_or_else<F: FnOnce() -> T>(self, f: F) -> T { match self { Some(x) => x, None => f() } }
        pub fn unwrap_or_default(self) -> T where T: Default { match self { Some(x) => x, None => T::default() } }
        pub fn map<U, F: FnOnce(T) -> U>(self, f: F) -> Option<U> { match self { Some(x) => Some(f(x)), None => None } }
        pub fn map_or<U, F: FnOnce(T) -> U>(self, default: U, f: F) -> U { match self { Some(x) => f(x), None => default } }
        pub fn map_or_else<U, D: FnOnce() -> U, F: FnOnce(T) -> U>(self, default: D, f: F) -> U {
            match self { Some(x) => f(x), None => default() }
        }
        pub fn inspect<F: FnOnce(&T)>(self, f: F) -> Option<T> { if let Some(x) = &self { f(x); } self }
        pub fn ok_or<E>(self, err: E) -> Result<T, E> { match self { Some(x) => Ok(x), None => Err(err) } }
        pub fn ok_or_else<E, F: FnOnce() -> E>(self, err: F) -> Result<T, E> { match self { Some(x) => Ok(x), None => Err(err()) } }
        pub fn and<U>(self, optb: Option<U>) -> Option<U> { match self { Some(_) => optb, None => None } }
        pub fn and_then<U, F: FnOnce(T) -> Option<U>>(self, f: F) -> Option<U> { match self { Some(x) => f(x), None => None } }
        pub fn filter<P: FnOnce(&T) -> bool>(self, predicate: P) -> Option<T> {
            if let Some(x) = self { if predicate(&x) { return Some(x); } }
            None
        }
        pub fn or(self, optb: Option<T>) -> Option<T> { match self { Some(x) => Some(x), None => optb } }
        pub fn or_else<F: FnOnce() -> Option<T>>(self, f: F) -> Option<T> { match self { Some(x) => Some(x), None => f() } }
        pub fn xor(self, optb: Option<T>) -> Option<T> {
            match (self, optb) { (Some(a), None) => Some(a), (None, Some(b)) => Some(b), _ => None }
        }
        pub fn take(&mut self) -> Option<T> { mem::replace(self, None) }
        pub fn replace(&mut self, value: T) -> Option<T> { mem::replace(self, Some(value)) }
        pub fn insert(&mut self, value: T) -> &mut T;
        pub fn get_or_insert(&mut self, value: T) -> &mut T;
        pub fn get_or_insert_with<F: FnOnce() -> T>(&mut self, f: F) -> &mut T;
        pub fn zip<U>(self, other: Option<U>) -> Option<(T, U)> {
            match (self, other) { (Some(a), Some(b)) => Some((a, b)), _ => None }
        }
        pub fn iter(&self) -> Iter<'_, T> { Iter { inner: self.as_ref() } }
    }
    impl<T: Copy> Option<&T> {
        pub fn copied(self) -> Option<T> { match self { Some(x) => Some(*x), None => None } }
    }
    impl<T: Clone> Option<&T> {
        pub fn cloned(self) -> Option<T> { match self { Some(x) => Some(x.clone()), None => None } }
    }
    impl<T: Copy> Option<&mut T> {
        pub fn copied(self) -> Option<T> { match self { Some(x) => Some(*x), None => None } }
    }
    impl<T> Option<Option<T>> {
        pub fn flatten(self) -> Option<T> { match self { Some(x) => x, None => None } }
    }
    impl<T, E> Option<Result<T, E>> {
        pub fn transpose(self) -> Result<Option<T>, E> {
            match self { Some(Ok(x)) => Ok(Some(x)), Some(Err(e)) => Err(e), None => Ok(None) }
        }
    }
    impl<T> Default for Option<T> { fn default() -> Option<T> { None } }
    impl<T> From<T> for Option<T> { fn from(val: T) -> Option<T> { Some(val) } }

    pub struct Iter<'a, T> { inner: Option<&'a T> }
    impl<'a, T> Iterator for Iter<'a, T> { type Item = &'a T; fn next(&mut self) -> Option<&'a T> { self.inner.take() } }
    impl<T> IntoIterator for Option<T> {
        type Item = T;
        type IntoIter = IntoIter<T>;
        fn into_iter(self) -> IntoIter<T> { IntoIter { inner: self } }
    }
    pub struct IntoIter<T> { inner: Option<T> }
    impl<T> Iterator for IntoIter<T> { type Item = T; fn next(&mut self) -> Option<T> { self.inner.take() } }
}

pub mod result {
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
    pub enum Result<T, E> {
        Ok(T),
        Err(E),
    }

    impl<T, E> Result<T, E> {
        pub fn is_ok(&self) -> bool { match self { Ok(_) => true, Err(_) => false } }
        pub fn is_err(&self) -> bool { !self.is_ok() }
        pub fn is_ok_and<F: FnOnce(T) -> bool>(self, f: F) -> bool { match self { Ok(x) => f(x), Err(_) => false } }
        pub fn is_err_and<F: FnOnce(E) -> bool>(self, f: F) -> bool { match self { Ok(_) => false, Err(e) => f(e) } }
        pub fn ok(self) -> Option<T> { match self { Ok(x) => Some(x), Err(_) => None } }
        pub fn err(self) -> Option<E> { match self { Ok(_) => None, Err(e) => Some(e) } }
        pub fn as_ref(&self) -> Result<&T, &E> { match self { Ok(x) => Ok(x), Err(e) => Err(e) } }
        pub fn as_mut(&mut self) -> Result<&mut T, &mut E> { match self { Ok(x) => Ok(x), Err(e) => Err(e) } }
        pub fn map<U, F: FnOnce(T) -> U>(self, op: F) -> Result<U, E> { match self { Ok(t) => Ok(op(t)), Err(e) => Err(e) } }
        pub fn map_or<U, F: FnOnce(T) -> U>(self, default: U, f: F) -> U { match self { Ok(t) => f(t), Err(_) => default } }
        pub fn map_err<F, O: FnOnce(E) -> F>(self, op: O) -> Result<T, F> { match self { Ok(t) => Ok(t), Err(e) => Err(op(e)) } }
        pub fn inspect<F: FnOnce(&T)>(self, f: F) -> Result<T, E> { if let Ok(t) = &self { f(t); } self }
        pub fn and<U>(self, res: Result<U, E>) -> Result<U, E> { match self { Ok(_) => res, Err(e) => Err(e) } }
        pub fn and_then<U, F: FnOnce(T) -> Result<U, E>>(self, op: F) -> Result<U, E> { match self { Ok(t) => op(t), Err(e) => Err(e) } }
        pub fn or<F>(self, res: Result<T, F>) -> Result<T, F> { match self { Ok(v) => Ok(v), Err(_) => res } }
        pub fn or_else<F, O: FnOnce(E) -> Result<T, F>>(self, op: O) -> Result<T, F> { match self { Ok(t) => Ok(t), Err(e) => op(e) } }
        pub fn unwrap_or(self, default: T) -> T { match self { Ok(t) => t, Err(_) => default } }
        pub fn unwrap_or_else<F: FnOnce(E) -> T>(self, op: F) -> T { match self { Ok(t) => t, Err(e) => op(e) } }
        pub fn unwrap_or_default(self) -> T where T: Default { match self { Ok(t) => t, Err(_) => T::default() } }
    }
    impl<T, E: fmt::Debug> Result<T, E> {
        pub fn unwrap(self) -> T;
        pub fn expect(self, msg: &str) -> T;
    }
    impl<T: fmt::Debug, E> Result<T, E> {
        pub fn unwrap_err(self) -> E;
        pub fn expect_err(self, msg: &str) -> E;
    }
    impl<T, E> Result<Option<T>, E> {
        pub fn transpose(self) -> Option<Result<T, E>> {
            match self { Ok(Some(x)) => Some(Ok(x)), Ok(None) => None, Err(e) => Some(Err(e)) }
        }
    }
    impl<T, E> IntoIterator for Result<T, E> {
        type Item = T;
        type IntoIter = option::IntoIter<T>;
        fn into_iter(self) -> option::IntoIter<T> { self.ok().into_iter() }
    }
}

pub mod convert {
    pub trait From<T>: Sized {
        fn from(value: T) -> Self;
    }
    pub trait Into<T>: Sized {
        fn into(self) -> T;
    }
    impl<T, U: From<T>> Into<U> for T {
        fn into(self) -> U { U::from(self) }
    }
    impl<T> From<T> for T {
        fn from(t: T) -> T { t }
    }
    pub trait TryFrom<T>: Sized {
        type Error;
        fn try_from(value: T) -> Result<Self, Self::Error>;
    }
    pub trait TryInto<T>: Sized {
        type Error;
        fn try_into(self) -> Result<T, Self::Error>;
    }
    impl<T, U: TryFrom<T>> TryInto<U> for T {
        type Error = U::Error;
        fn try_into(self) -> Result<U, U::Error> { U::try_from(self) }
    }
    pub trait AsRef<T: ?Sized> {
        fn as_ref(&self) -> &T;
    }
    pub trait AsMut<T: ?Sized> {
        fn as_mut(&mut self) -> &mut T;
    }
    impl AsRef<str> for str { fn as_ref(&self) -> &str { self } }
    impl AsRef<str> for String { fn as_ref(&self) -> &str { self.as_str() } }
    impl<T> AsRef<[T]> for Vec<T> { fn as_ref(&self) -> &[T] { self.as_slice() } }
    impl<T> AsRef<[T]> for [T] { fn as_ref(&self) -> &[T] { self } }
    impl<'a, T: ?Sized, U: ?Sized> AsRef<U> for &'a T where T: AsRef<U> { fn as_ref(&self) -> &U { (**self).as_ref() } }
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct TryFromIntError(());
    pub enum Infallible {}
}

pub mod borrow {
    pub trait Borrow<Borrowed: ?Sized> {
        fn borrow(&self) -> &Borrowed;
    }
    pub trait ToOwned {
        type Owned;
        fn to_owned(&self) -> Self::Owned;
    }
    impl ToOwned for str { type Owned = String; fn to_owned(&self) -> String { String::from(self) } }
    impl<T: Clone> ToOwned for [T] { type Owned = Vec<T>; fn to_owned(&self) -> Vec<T> { self.to_vec() } }
    impl Borrow<str> for String { fn borrow(&self) -> &str { self.as_str() } }
    impl<'a> Borrow<str> for &'a str { fn borrow(&self) -> &str { *self } }
}

pub mod mem {
    pub fn drop<T>(_x: T) {}
    pub fn replace<T>(dest: &mut T, src: T) -> T;
    pub fn swap<T>(x: &mut T, y: &mut T);
    pub fn take<T: Default>(dest: &mut T) -> T { replace(dest, T::default()) }
    pub fn size_of<T>() -> usize;
    pub fn size_of_val<T: ?Sized>(val: &T) -> usize;
    pub fn align_of<T>() -> usize;
    pub fn forget<T>(t: T);
}

// Reference counting (the types and their basic API; dynbox's examples do not
// need them, trait signatures such as `self: Rc<Self>` do).
pub mod rc {
    pub struct Rc<T: ?Sized> { ptr: *const T }
    impl<T> Rc<T> {
        pub fn new(value: T) -> Rc<T>;
        pub fn strong_count(this: &Rc<T>) -> usize;
        pub fn ptr_eq(this: &Rc<T>, other: &Rc<T>) -> bool;
    }
    impl<T: ?Sized> Clone for Rc<T> { fn clone(&self) -> Rc<T>; }
    impl<T: ?Sized> ops::Deref for Rc<T> { type Target = T; fn deref(&self) -> &T; }
    impl<T: ?Sized + fmt::Debug> fmt::Debug for Rc<T> {}
    impl<T: ?Sized + fmt::Display> fmt::Display for Rc<T> {}
    impl<T: ?Sized + PartialEq> PartialEq for Rc<T> {}
}
pub mod sync {
    pub struct Arc<T: ?Sized> { ptr: *const T }
    impl<T> Arc<T> {
        pub fn new(value: T) -> Arc<T>;
        pub fn strong_count(this: &Arc<T>) -> usize;
    }
    impl<T: ?Sized> Clone for Arc<T> { fn clone(&self) -> Arc<T>; }
    impl<T: ?Sized> ops::Deref for Arc<T> { type Target = T; fn deref(&self) -> &T; }
    impl<T: ?Sized + fmt::Debug> fmt::Debug for Arc<T> {}
    impl<T: ?Sized + fmt::Display> fmt::Display for Arc<T> {}
}

pub mod process {
    pub fn exit(code: i32) -> !;
}

pub mod boxed {
    pub struct Box<T: ?Sized> { ptr: *mut T }

    impl<T> Box<T> {
        pub fn new(x: T) -> Box<T>;
        pub fn pin(x: T) -> Pin<Box<T>>;
    }
    impl<T: ?Sized> Box<T> {
        pub fn leak<'a>(b: Box<T>) -> &'a mut T;
        pub fn into_pin(boxed: Box<T>) -> Pin<Box<T>>;
    }
    impl<T: ?Sized> ops::Deref for Box<T> { type Target = T; fn deref(&self) -> &T; }
    impl<T: ?Sized> ops::DerefMut for Box<T> { fn deref_mut(&mut self) -> &mut T; }
    impl<T: Clone> Clone for Box<T> { fn clone(&self) -> Box<T> { Box::new((**self).clone()) } }
    impl<T: ?Sized + PartialEq> PartialEq for Box<T> {}
    impl<T: ?Sized + Eq> Eq for Box<T> {}
    impl<T: ?Sized + PartialOrd> PartialOrd for Box<T> {}
    impl<T: ?Sized + Ord> Ord for Box<T> {}
    impl<T: ?Sized + fmt::Debug> fmt::Debug for Box<T> {}
    impl<T: ?Sized + fmt::Display> fmt::Display for Box<T> {}
    impl<T: Default> Default for Box<T> { fn default() -> Box<T> { Box::new(T::default()) } }
    impl<T> From<T> for Box<T> { fn from(t: T) -> Box<T> { Box::new(t) } }
    impl<T: ?Sized> Unpin for Box<T> {}
    impl<I: Iterator + ?Sized> Iterator for Box<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> { (**self).next() }
    }
    impl<I: DoubleEndedIterator + ?Sized> DoubleEndedIterator for Box<I> {
        fn next_back(&mut self) -> Option<I::Item> { (**self).next_back() }
    }
    impl<F: Future + Unpin + ?Sized> Future for Box<F> {
        type Output = F::Output;
        fn poll(self: Pin<&mut Self>, cx: &mut task::Context) -> task::Poll<F::Output>;
    }
    impl<Args, F: FnOnce<Args> + ?Sized> FnOnce<Args> for Box<F> { type Output = F::Output; }
    impl<Args, F: FnMut<Args> + ?Sized> FnMut<Args> for Box<F> {}
    impl<Args, F: Fn<Args> + ?Sized> Fn<Args> for Box<F> {}
    impl<'a, E: error::Error + 'a> From<E> for Box<dyn error::Error + 'a> { fn from(err: E) -> Box<dyn error::Error + 'a>; }
    impl<'a> From<&str> for Box<dyn error::Error + 'a> { fn from(err: &str) -> Box<dyn error::Error + 'a>; }
    impl<'a> From<String> for Box<dyn error::Error + 'a> { fn from(err: String) -> Box<dyn error::Error + 'a>; }
}

pub mod pin {
    pub struct Pin<Ptr> { pointer: Ptr }

    impl<Ptr: ops::Deref> Pin<Ptr> where Ptr::Target: Unpin {
        pub fn new(pointer: Ptr) -> Pin<Ptr> { Pin { pointer: pointer } }
    }
    impl<Ptr: ops::Deref> Pin<Ptr> {
        pub unsafe fn new_unchecked(pointer: Ptr) -> Pin<Ptr> { Pin { pointer: pointer } }
        pub fn as_ref(&self) -> Pin<&Ptr::Target>;
    }
    impl<Ptr: ops::DerefMut> Pin<Ptr> {
        pub fn as_mut(&mut self) -> Pin<&mut Ptr::Target>;
    }
    impl<Ptr: ops::Deref> ops::Deref for Pin<Ptr> { type Target = Ptr::Target; fn deref(&self) -> &Ptr::Target; }
    impl<Ptr: ops::DerefMut> ops::DerefMut for Pin<Ptr> where Ptr::Target: Unpin { fn deref_mut(&mut self) -> &mut Ptr::Target; }
    impl<P: ops::DerefMut> Future for Pin<P> where P::Target: Future {
        type Output = <P::Target as Future>::Output;
        fn poll(self: Pin<&mut Self>, cx: &mut task::Context) -> task::Poll<<P::Target as Future>::Output>;
    }
    impl<Ptr: Clone> Clone for Pin<Ptr> {}
    impl<Ptr: fmt::Debug> fmt::Debug for Pin<Ptr> {}
}

pub mod future {
    pub trait Future {
        type Output;
        fn poll(self: Pin<&mut Self>, cx: &mut task::Context) -> task::Poll<Self::Output>;
    }
    pub trait IntoFuture {
        type Output;
        type IntoFuture: Future<Output = Self::Output>;
        fn into_future(self) -> Self::IntoFuture;
    }
    impl<F: Future> IntoFuture for F {
        type Output = F::Output;
        type IntoFuture = F;
        fn into_future(self) -> F { self }
    }
    impl<'a, F: Future + Unpin + ?Sized> Future for &'a mut F {
        type Output = F::Output;
        fn poll(self: Pin<&mut Self>, cx: &mut task::Context) -> task::Poll<F::Output>;
    }
    pub async fn ready<T>(t: T) -> T { t }
    pub async fn pending<T>() -> T;
}

pub mod task {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Poll<T> { Ready(T), Pending }
    pub struct Context<'a> { waker: &'a Waker }
    pub struct Waker { id: u64 }

    // The deterministic executor (DESIGN.md section 6): virtual time in
    // milliseconds, tasks polled in creation order.
    pub async fn sleep(ms: u64);
    pub async fn yield_now();
    pub fn now() -> u64;
    pub fn spawn<F: Future + 'static>(future: F) -> JoinHandle<F::Output>;
    pub fn block_on<F: Future>(future: F) -> F::Output;

    pub struct JoinHandle<T> { task: u64, result: Option<T> }
    impl<T> Future for JoinHandle<T> {
        type Output = T;
        fn poll(self: Pin<&mut Self>, cx: &mut Context) -> Poll<T>;
    }
    impl<T> JoinHandle<T> {
        pub fn is_finished(&self) -> bool;
        pub fn abort(&self);
    }
    impl<T> Unpin for JoinHandle<T> {}
}

pub mod fmt {
    pub type Result = result::Result<(), Error>;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct Error;

    pub struct Formatter<'a> { buf: &'a mut String, flags: u32 }
    pub struct Arguments<'a> { pieces: &'a [&'static str] }

    pub trait Display {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result;
    }
    pub trait Debug {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result;
    }
    pub trait LowerHex { fn fmt(&self, f: &mut Formatter<'_>) -> Result; }
    pub trait UpperHex { fn fmt(&self, f: &mut Formatter<'_>) -> Result; }
    pub trait Binary { fn fmt(&self, f: &mut Formatter<'_>) -> Result; }
    pub trait Octal { fn fmt(&self, f: &mut Formatter<'_>) -> Result; }
    pub trait LowerExp { fn fmt(&self, f: &mut Formatter<'_>) -> Result; }
    pub trait UpperExp { fn fmt(&self, f: &mut Formatter<'_>) -> Result; }
    pub trait Pointer { fn fmt(&self, f: &mut Formatter<'_>) -> Result; }

    pub trait Write {
        fn write_str(&mut self, s: &str) -> Result;
        fn write_char(&mut self, c: char) -> Result { self.write_str(c.encode_utf8_string().as_str()) }
        #[intrinsic]
        fn write_fmt(&mut self, args: Arguments<'_>) -> Result;
    }
    impl Write for String { fn write_str(&mut self, s: &str) -> Result { self.push_str(s); Ok(()) } }
    impl<'a> Write for Formatter<'a> { fn write_str(&mut self, s: &str) -> Result; }

    impl<'a> Formatter<'a> {
        pub fn write_str(&mut self, data: &str) -> Result;
        pub fn write_fmt(&mut self, args: Arguments<'_>) -> Result;
        pub fn pad(&mut self, s: &str) -> Result;
        pub fn pad_integral(&mut self, is_nonnegative: bool, prefix: &str, buf: &str) -> Result;
        pub fn alternate(&self) -> bool;
        pub fn sign_plus(&self) -> bool;
        pub fn width(&self) -> Option<usize>;
        pub fn precision(&self) -> Option<usize>;
        pub fn fill(&self) -> char;
        pub fn debug_struct<'b>(&'b mut self, name: &str) -> DebugStruct<'b, 'a>;
        pub fn debug_tuple<'b>(&'b mut self, name: &str) -> DebugTuple<'b, 'a>;
        pub fn debug_list<'b>(&'b mut self) -> DebugList<'b, 'a>;
    }
    pub struct DebugStruct<'a, 'b: 'a> { fmt: &'a mut Formatter<'b> }
    pub struct DebugTuple<'a, 'b: 'a> { fmt: &'a mut Formatter<'b> }
    pub struct DebugList<'a, 'b: 'a> { fmt: &'a mut Formatter<'b> }
    impl<'a, 'b: 'a> DebugStruct<'a, 'b> {
        pub fn field(&mut self, name: &str, value: &dyn Debug) -> &mut DebugStruct<'a, 'b>;
        pub fn finish(&mut self) -> Result;
        pub fn finish_non_exhaustive(&mut self) -> Result;
    }
    impl<'a, 'b: 'a> DebugTuple<'a, 'b> {
        pub fn field(&mut self, value: &dyn Debug) -> &mut DebugTuple<'a, 'b>;
        pub fn finish(&mut self) -> Result;
    }
    impl<'a, 'b: 'a> DebugList<'a, 'b> {
        pub fn entry(&mut self, entry: &dyn Debug) -> &mut DebugList<'a, 'b>;
        pub fn finish(&mut self) -> Result;
    }
    impl<'a> fmt::Display for Arguments<'a> {}
    impl<'a> fmt::Debug for Arguments<'a> {}
    impl fmt::Display for Error {}
}

pub mod error {
    pub trait Error: fmt::Debug + fmt::Display {
        fn source(&self) -> Option<&(dyn Error + 'static)> { None }
        fn description(&self) -> &str { "description() is deprecated; use Display" }
    }
}

pub mod string {
    #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
    pub struct String { vec: Vec<u8> }

    impl String {
        pub fn new() -> String;
        pub fn with_capacity(capacity: usize) -> String;
        pub fn from_utf8(vec: Vec<u8>) -> Result<String, FromUtf8Error>;
        pub fn push_str(&mut self, string: &str);
        pub fn push(&mut self, ch: char);
        pub fn pop(&mut self) -> Option<char>;
        pub fn as_str(&self) -> &str;
        pub fn as_mut_str(&mut self) -> &mut str;
        pub fn len(&self) -> usize;
        pub fn is_empty(&self) -> bool;
        pub fn capacity(&self) -> usize;
        pub fn clear(&mut self);
        pub fn truncate(&mut self, new_len: usize);
        pub fn insert(&mut self, idx: usize, ch: char);
        pub fn insert_str(&mut self, idx: usize, string: &str);
        pub fn remove(&mut self, idx: usize) -> char;
        pub fn retain<F: FnMut(char) -> bool>(&mut self, f: F);
        pub fn into_bytes(self) -> Vec<u8>;
        pub fn into_boxed_str(self) -> Box<str>;
        pub fn reserve(&mut self, additional: usize);
        pub fn split_off(&mut self, at: usize) -> String;
        pub fn drain<R: ops::RangeBounds<usize>>(&mut self, range: R) -> vec::IntoIter<char>;
        pub fn extend_from_within(&mut self, src: ops::Range<usize>);
    }
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct FromUtf8Error { bytes: Vec<u8> }

    impl ops::Deref for String { type Target = str; fn deref(&self) -> &str; }
    impl ops::DerefMut for String { fn deref_mut(&mut self) -> &mut str; }
    impl fmt::Display for String {}
    impl fmt::Debug for String {}
    impl fmt::Write for String {}
    impl<'a> From<&'a str> for String { fn from(s: &'a str) -> String; }
    impl<'a> From<&'a mut str> for String { fn from(s: &'a mut str) -> String; }
    impl<'a> From<&'a String> for String { fn from(s: &'a String) -> String { s.clone() } }
    impl From<char> for String { fn from(c: char) -> String; }
    impl From<Box<str>> for String { fn from(s: Box<str>) -> String; }
    impl<'a> ops::Add<&'a str> for String { type Output = String; fn add(self, other: &'a str) -> String; }
    impl<'a> ops::AddAssign<&'a str> for String { fn add_assign(&mut self, other: &'a str); }
    impl<'a> PartialEq<str> for String {}
    impl<'a> PartialEq<&'a str> for String {}
    impl<'a> PartialEq<String> for str {}
    impl<'a> PartialEq<String> for &'a str {}
    impl<'a> Extend<char> for String { fn extend<I: IntoIterator<Item = char>>(&mut self, iter: I); }
    impl<'a> Extend<&'a str> for String { fn extend<I: IntoIterator<Item = &'a str>>(&mut self, iter: I); }
    impl Extend<String> for String { fn extend<I: IntoIterator<Item = String>>(&mut self, iter: I); }
    impl FromIterator<char> for String { fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> String; }
    impl<'a> FromIterator<&'a char> for String { fn from_iter<I: IntoIterator<Item = &'a char>>(iter: I) -> String; }
    impl<'a> FromIterator<&'a str> for String { fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> String; }
    impl FromIterator<String> for String { fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> String; }
    impl str::FromStr for String { type Err = convert::Infallible; fn from_str(s: &str) -> Result<String, convert::Infallible>; }
    impl ops::Index<ops::Range<usize>> for String { type Output = str; fn index(&self, index: ops::Range<usize>) -> &str; }

    pub trait ToString {
        fn to_string(&self) -> String;
    }
    impl<T: fmt::Display + ?Sized> ToString for T {
        fn to_string(&self) -> String;
    }
}

pub mod str {
    pub trait FromStr: Sized {
        type Err;
        fn from_str(s: &str) -> Result<Self, Self::Err>;
    }
    impl FromStr for i8 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<i8, num::ParseIntError>; }
    impl FromStr for i16 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<i16, num::ParseIntError>; }
    impl FromStr for i32 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<i32, num::ParseIntError>; }
    impl FromStr for i64 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<i64, num::ParseIntError>; }
    impl FromStr for i128 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<i128, num::ParseIntError>; }
    impl FromStr for isize { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<isize, num::ParseIntError>; }
    impl FromStr for u8 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<u8, num::ParseIntError>; }
    impl FromStr for u16 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<u16, num::ParseIntError>; }
    impl FromStr for u32 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<u32, num::ParseIntError>; }
    impl FromStr for u64 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<u64, num::ParseIntError>; }
    impl FromStr for u128 { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<u128, num::ParseIntError>; }
    impl FromStr for usize { type Err = num::ParseIntError; fn from_str(s: &str) -> Result<usize, num::ParseIntError>; }
    impl FromStr for f32 { type Err = num::ParseFloatError; fn from_str(s: &str) -> Result<f32, num::ParseFloatError>; }
    impl FromStr for f64 { type Err = num::ParseFloatError; fn from_str(s: &str) -> Result<f64, num::ParseFloatError>; }
    impl FromStr for bool { type Err = ParseBoolError; fn from_str(s: &str) -> Result<bool, ParseBoolError>; }
    impl FromStr for char { type Err = ParseCharError; fn from_str(s: &str) -> Result<char, ParseCharError>; }
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ParseBoolError;
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ParseCharError;
    impl fmt::Display for ParseBoolError {}
    impl fmt::Display for ParseCharError {}
    impl error::Error for ParseBoolError {}
    impl error::Error for ParseCharError {}

    // What `contains`, `starts_with`, `split`, `find`, `replace` accept.
    pub trait Pattern {}
    impl Pattern for char {}
    impl<'a> Pattern for &'a str {}
    impl<'a> Pattern for &'a String {}
    impl<'a, 'b> Pattern for &'b &'a str {}
    impl<F: FnMut(char) -> bool> Pattern for F {}

    impl str {
        pub fn len(&self) -> usize;
        pub fn is_empty(&self) -> bool;
        pub fn chars(&self) -> Chars<'_>;
        pub fn char_indices(&self) -> CharIndices<'_>;
        pub fn bytes(&self) -> Bytes<'_>;
        pub fn as_bytes(&self) -> &[u8];
        pub fn lines(&self) -> Lines<'_>;
        pub fn split_whitespace(&self) -> SplitWhitespace<'_>;
        pub fn split<P: Pattern>(&self, pat: P) -> Split<'_>;
        pub fn rsplit<P: Pattern>(&self, pat: P) -> Split<'_>;
        pub fn splitn<P: Pattern>(&self, n: usize, pat: P) -> Split<'_>;
        pub fn split_terminator<P: Pattern>(&self, pat: P) -> Split<'_>;
        pub fn split_once<P: Pattern>(&self, delimiter: P) -> Option<(&str, &str)>;
        pub fn rsplit_once<P: Pattern>(&self, delimiter: P) -> Option<(&str, &str)>;
        pub fn split_at(&self, mid: usize) -> (&str, &str);
        pub fn contains<P: Pattern>(&self, pat: P) -> bool;
        pub fn starts_with<P: Pattern>(&self, pat: P) -> bool;
        pub fn ends_with<P: Pattern>(&self, pat: P) -> bool;
        pub fn find<P: Pattern>(&self, pat: P) -> Option<usize>;
        pub fn rfind<P: Pattern>(&self, pat: P) -> Option<usize>;
        pub fn matches<P: Pattern>(&self, pat: P) -> Split<'_>;
        pub fn replace<P: Pattern>(&self, from: P, to: &str) -> String;
        pub fn replacen<P: Pattern>(&self, from: P, to: &str, count: usize) -> String;
        pub fn strip_prefix<P: Pattern>(&self, prefix: P) -> Option<&str>;
        pub fn strip_suffix<P: Pattern>(&self, suffix: P) -> Option<&str>;
        pub fn trim(&self) -> &str;
        pub fn trim_start(&self) -> &str;
        pub fn trim_end(&self) -> &str;
        pub fn trim_matches<P: Pattern>(&self, pat: P) -> &str;
        pub fn trim_start_matches<P: Pattern>(&self, pat: P) -> &str;
        pub fn trim_end_matches<P: Pattern>(&self, pat: P) -> &str;
        pub fn to_uppercase(&self) -> String;
        pub fn to_lowercase(&self) -> String;
        pub fn to_ascii_uppercase(&self) -> String;
        pub fn to_ascii_lowercase(&self) -> String;
        pub fn eq_ignore_ascii_case(&self, other: &str) -> bool;
        pub fn repeat(&self, n: usize) -> String;
        pub fn parse<F: FromStr>(&self) -> Result<F, F::Err> { F::from_str(self) }
        pub fn get(&self, range: ops::Range<usize>) -> Option<&str>;
        pub fn is_char_boundary(&self, index: usize) -> bool;
        pub fn char_count(&self) -> usize;
        pub fn to_owned_string(&self) -> String;
        pub fn into_string(self: Box<str>) -> String;
    }
    impl fmt::Display for str {}
    impl fmt::Debug for str {}
    impl ops::Index<ops::Range<usize>> for str { type Output = str; fn index(&self, index: ops::Range<usize>) -> &str; }
    impl ops::Index<ops::RangeFrom<usize>> for str { type Output = str; fn index(&self, index: ops::RangeFrom<usize>) -> &str; }
    impl ops::Index<ops::RangeTo<usize>> for str { type Output = str; fn index(&self, index: ops::RangeTo<usize>) -> &str; }
    impl ops::Index<ops::RangeInclusive<usize>> for str { type Output = str; fn index(&self, index: ops::RangeInclusive<usize>) -> &str; }
    impl ops::Index<ops::RangeFull> for str { type Output = str; fn index(&self, index: ops::RangeFull) -> &str; }
    impl Default for &str { fn default() -> &'static str { "" } }

    pub struct Chars<'a> { s: &'a str, pos: usize, end: usize }
    pub struct CharIndices<'a> { s: &'a str, pos: usize, end: usize }
    pub struct Bytes<'a> { s: &'a str, pos: usize }
    pub struct Lines<'a> { s: &'a str, pos: usize }
    pub struct SplitWhitespace<'a> { s: &'a str, pos: usize }
    pub struct Split<'a> { s: &'a str, pos: usize, pat: u64 }
    impl<'a> Iterator for Chars<'a> { type Item = char; fn next(&mut self) -> Option<char>; }
    impl<'a> DoubleEndedIterator for Chars<'a> { fn next_back(&mut self) -> Option<char>; }
    impl<'a> Chars<'a> { pub fn as_str(&self) -> &'a str; }
    impl<'a> Iterator for CharIndices<'a> { type Item = (usize, char); fn next(&mut self) -> Option<(usize, char)>; }
    impl<'a> DoubleEndedIterator for CharIndices<'a> { fn next_back(&mut self) -> Option<(usize, char)>; }
    impl<'a> Iterator for Bytes<'a> { type Item = u8; fn next(&mut self) -> Option<u8>; }
    impl<'a> DoubleEndedIterator for Bytes<'a> { fn next_back(&mut self) -> Option<u8>; }
    impl<'a> Iterator for Lines<'a> { type Item = &'a str; fn next(&mut self) -> Option<&'a str>; }
    impl<'a> Iterator for SplitWhitespace<'a> { type Item = &'a str; fn next(&mut self) -> Option<&'a str>; }
    impl<'a> Iterator for Split<'a> { type Item = &'a str; fn next(&mut self) -> Option<&'a str>; }
    impl<'a> DoubleEndedIterator for Split<'a> { fn next_back(&mut self) -> Option<&'a str>; }
    impl<'a> Clone for Chars<'a> {}
}

pub mod char_ext {
    impl char {
        pub fn encode_utf8_string(self) -> String;
    }
    impl From<u8> for char { fn from(b: u8) -> char; }
    impl From<char> for u32 { fn from(c: char) -> u32; }
    impl TryFrom<u32> for char { type Error = convert::TryFromIntError; fn try_from(i: u32) -> Result<char, convert::TryFromIntError>; }
}

pub mod vec {
    pub struct Vec<T> { buf: *mut T, len: usize, cap: usize }

    impl<T> Vec<T> {
        pub fn new() -> Vec<T>;
        pub fn with_capacity(capacity: usize) -> Vec<T>;
        pub fn push(&mut self, value: T);
        pub fn pop(&mut self) -> Option<T>;
        pub fn insert(&mut self, index: usize, element: T);
        pub fn remove(&mut self, index: usize) -> T;
        pub fn swap_remove(&mut self, index: usize) -> T;
        pub fn clear(&mut self);
        pub fn truncate(&mut self, len: usize);
        pub fn len(&self) -> usize;
        pub fn is_empty(&self) -> bool;
        pub fn capacity(&self) -> usize;
        pub fn reserve(&mut self, additional: usize);
        pub fn as_slice(&self) -> &[T];
        pub fn as_mut_slice(&mut self) -> &mut [T];
        pub fn append(&mut self, other: &mut Vec<T>);
        pub fn split_off(&mut self, at: usize) -> Vec<T>;
        pub fn retain<F: FnMut(&T) -> bool>(&mut self, f: F);
        pub fn retain_mut<F: FnMut(&mut T) -> bool>(&mut self, f: F);
        pub fn dedup_by_key<K: PartialEq, F: FnMut(&mut T) -> K>(&mut self, key: F);
        pub fn drain<R: ops::RangeBounds<usize>>(&mut self, range: R) -> IntoIter<T>;
        pub fn into_boxed_slice(self) -> Box<[T]>;
        pub fn resize(&mut self, new_len: usize, value: T) where T: Clone;
        pub fn extend_from_slice(&mut self, other: &[T]) where T: Clone;
        pub fn dedup(&mut self) where T: PartialEq;
    }
    impl<T> ops::Deref for Vec<T> { type Target = [T]; fn deref(&self) -> &[T]; }
    impl<T> ops::DerefMut for Vec<T> { fn deref_mut(&mut self) -> &mut [T]; }
    impl<T: Clone> Clone for Vec<T> {}
    impl<T: PartialEq> PartialEq for Vec<T> {}
    impl<T: Eq> Eq for Vec<T> {}
    impl<T: PartialOrd> PartialOrd for Vec<T> {}
    impl<T: Ord> Ord for Vec<T> {}
    impl<T: fmt::Debug> fmt::Debug for Vec<T> {}
    impl<T: hash::Hash> hash::Hash for Vec<T> {}
    impl<T> Default for Vec<T> { fn default() -> Vec<T> { Vec::new() } }
    impl<T> Extend<T> for Vec<T> { fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I); }
    impl<'a, T: Copy> Extend<&'a T> for Vec<T> { fn extend<I: IntoIterator<Item = &'a T>>(&mut self, iter: I); }
    impl<T> FromIterator<T> for Vec<T> { fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Vec<T>; }
    impl<T: Clone> From<&[T]> for Vec<T> { fn from(s: &[T]) -> Vec<T> { s.to_vec() } }
    impl<'a> From<&'a str> for Vec<u8> { fn from(s: &'a str) -> Vec<u8> { s.as_bytes().to_vec() } }
    impl<T> ops::Index<usize> for Vec<T> { type Output = T; fn index(&self, index: usize) -> &T; }
    impl<T> ops::IndexMut<usize> for Vec<T> { fn index_mut(&mut self, index: usize) -> &mut T; }

    impl<T> IntoIterator for Vec<T> {
        type Item = T;
        type IntoIter = IntoIter<T>;
        fn into_iter(self) -> IntoIter<T>;
    }
    impl<'a, T> IntoIterator for &'a Vec<T> {
        type Item = &'a T;
        type IntoIter = slice::Iter<'a, T>;
        fn into_iter(self) -> slice::Iter<'a, T> { self.iter() }
    }
    impl<'a, T> IntoIterator for &'a mut Vec<T> {
        type Item = &'a mut T;
        type IntoIter = slice::IterMut<'a, T>;
        fn into_iter(self) -> slice::IterMut<'a, T> { self.iter_mut() }
    }

    pub struct IntoIter<T> { buf: *mut T, pos: usize, end: usize }
    impl<T> Iterator for IntoIter<T> { type Item = T; fn next(&mut self) -> Option<T>; }
    impl<T> DoubleEndedIterator for IntoIter<T> { fn next_back(&mut self) -> Option<T>; }
    impl<T> ExactSizeIterator for IntoIter<T> {}
    impl<T: Clone> Clone for IntoIter<T> {}
}

pub mod slice {
    impl<T> [T] {
        pub fn len(&self) -> usize;
        pub fn is_empty(&self) -> bool;
        pub fn iter(&self) -> Iter<'_, T>;
        pub fn iter_mut(&mut self) -> IterMut<'_, T>;
        pub fn get(&self, index: usize) -> Option<&T>;
        pub fn get_mut(&mut self, index: usize) -> Option<&mut T>;
        pub fn first(&self) -> Option<&T>;
        pub fn last(&self) -> Option<&T>;
        pub fn first_mut(&mut self) -> Option<&mut T>;
        pub fn last_mut(&mut self) -> Option<&mut T>;
        pub fn split_first(&self) -> Option<(&T, &[T])>;
        pub fn split_last(&self) -> Option<(&T, &[T])>;
        pub fn split_at(&self, mid: usize) -> (&[T], &[T]);
        pub fn swap(&mut self, a: usize, b: usize);
        pub fn reverse(&mut self);
        pub fn windows(&self, size: usize) -> Windows<'_, T>;
        pub fn chunks(&self, size: usize) -> Chunks<'_, T>;
        pub fn contains(&self, x: &T) -> bool where T: PartialEq;
        pub fn starts_with(&self, needle: &[T]) -> bool where T: PartialEq;
        pub fn ends_with(&self, needle: &[T]) -> bool where T: PartialEq;
        pub fn sort(&mut self) where T: Ord;
        pub fn sort_unstable(&mut self) where T: Ord;
        pub fn sort_by<F: FnMut(&T, &T) -> cmp::Ordering>(&mut self, compare: F);
        pub fn sort_unstable_by<F: FnMut(&T, &T) -> cmp::Ordering>(&mut self, compare: F);
        pub fn sort_by_key<K: Ord, F: FnMut(&T) -> K>(&mut self, f: F);
        pub fn sort_unstable_by_key<K: Ord, F: FnMut(&T) -> K>(&mut self, f: F);
        pub fn binary_search(&self, x: &T) -> Result<usize, usize> where T: Ord;
        pub fn to_vec(&self) -> Vec<T> where T: Clone;
        pub fn into_vec(self: Box<[T]>) -> Vec<T>;
        pub fn fill(&mut self, value: T) where T: Clone;
        pub fn rotate_left(&mut self, mid: usize);
        pub fn rotate_right(&mut self, mid: usize);
    }
    impl [String] {
        pub fn join(&self, sep: &str) -> String;
        pub fn concat(&self) -> String;
    }
    impl<'a> [&'a str] {
        pub fn join(&self, sep: &str) -> String;
        pub fn concat(&self) -> String;
    }
    impl<T: Clone> [Vec<T>] {
        pub fn concat(&self) -> Vec<T>;
    }
    impl<T: fmt::Debug> fmt::Debug for [T] {}
    impl<T: PartialEq> PartialEq for [T] {}
    impl<T: PartialEq> PartialEq<Vec<T>> for [T] {}
    impl<'a, T: PartialEq> PartialEq<Vec<T>> for &'a [T] {}
    impl<'a, T: PartialEq> PartialEq<&'a [T]> for Vec<T> {}
    impl<T: PartialEq> PartialEq<[T]> for Vec<T> {}
    impl<T> ops::Index<usize> for [T] { type Output = T; fn index(&self, index: usize) -> &T; }
    impl<T> ops::IndexMut<usize> for [T] { fn index_mut(&mut self, index: usize) -> &mut T; }
    impl<T> ops::Index<ops::Range<usize>> for [T] { type Output = [T]; fn index(&self, index: ops::Range<usize>) -> &[T]; }
    impl<T> ops::Index<ops::RangeFrom<usize>> for [T] { type Output = [T]; fn index(&self, index: ops::RangeFrom<usize>) -> &[T]; }
    impl<T> ops::Index<ops::RangeTo<usize>> for [T] { type Output = [T]; fn index(&self, index: ops::RangeTo<usize>) -> &[T]; }
    impl<T> ops::Index<ops::RangeInclusive<usize>> for [T] { type Output = [T]; fn index(&self, index: ops::RangeInclusive<usize>) -> &[T]; }
    impl<T> ops::Index<ops::RangeFull> for [T] { type Output = [T]; fn index(&self, index: ops::RangeFull) -> &[T]; }
    impl<'a, T> IntoIterator for &'a [T] {
        type Item = &'a T;
        type IntoIter = Iter<'a, T>;
        fn into_iter(self) -> Iter<'a, T> { self.iter() }
    }
    impl<'a, T> IntoIterator for &'a mut [T] {
        type Item = &'a mut T;
        type IntoIter = IterMut<'a, T>;
        fn into_iter(self) -> IterMut<'a, T> { self.iter_mut() }
    }
    impl<'a, T> Default for &'a [T] { fn default() -> &'a [T]; }

    pub struct Iter<'a, T> { s: &'a [T], pos: usize, end: usize }
    pub struct IterMut<'a, T> { s: &'a mut [T], pos: usize, end: usize }
    pub struct Windows<'a, T> { s: &'a [T], size: usize, pos: usize }
    pub struct Chunks<'a, T> { s: &'a [T], size: usize, pos: usize }
    impl<'a, T> Iterator for Iter<'a, T> { type Item = &'a T; fn next(&mut self) -> Option<&'a T>; }
    impl<'a, T> DoubleEndedIterator for Iter<'a, T> { fn next_back(&mut self) -> Option<&'a T>; }
    impl<'a, T> ExactSizeIterator for Iter<'a, T> {}
    impl<'a, T> Clone for Iter<'a, T> {}
    impl<'a, T> Iterator for IterMut<'a, T> { type Item = &'a mut T; fn next(&mut self) -> Option<&'a mut T>; }
    impl<'a, T> DoubleEndedIterator for IterMut<'a, T> { fn next_back(&mut self) -> Option<&'a mut T>; }
    impl<'a, T> Iterator for Windows<'a, T> { type Item = &'a [T]; fn next(&mut self) -> Option<&'a [T]>; }
    impl<'a, T> Iterator for Chunks<'a, T> { type Item = &'a [T]; fn next(&mut self) -> Option<&'a [T]>; }
}

pub mod iter {
    pub trait Iterator {
        type Item;
        fn next(&mut self) -> Option<Self::Item>;

        fn size_hint(&self) -> (usize, Option<usize>) { (0, None) }
        fn count(self) -> usize where Self: Sized {
            let mut it = self;
            let mut n = 0;
            while let Some(_) = it.next() { n += 1; }
            n
        }
        fn last(self) -> Option<Self::Item> where Self: Sized {
            let mut it = self;
            let mut last = None;
            while let Some(x) = it.next() { last = Some(x); }
            last
        }
        fn nth(&mut self, n: usize) -> Option<Self::Item> {
            let mut k = n;
            while let Some(x) = self.next() { if k == 0 { return Some(x); } k -= 1; }
            None
        }
        fn step_by(self, step: usize) -> StepBy<Self> where Self: Sized { StepBy { iter: self, step: step, first: true } }
        fn chain<U: IntoIterator<Item = Self::Item>>(self, other: U) -> Chain<Self, U::IntoIter> where Self: Sized {
            Chain { a: Some(self), b: Some(other.into_iter()) }
        }
        fn zip<U: IntoIterator>(self, other: U) -> Zip<Self, U::IntoIter> where Self: Sized {
            Zip { a: self, b: other.into_iter() }
        }
        fn map<B, F: FnMut(Self::Item) -> B>(self, f: F) -> Map<Self, F> where Self: Sized { Map { iter: self, f: f } }
        fn for_each<F: FnMut(Self::Item)>(self, f: F) where Self: Sized {
            let mut it = self;
            let mut f = f;
            while let Some(x) = it.next() { f(x); }
        }
        fn filter<P: FnMut(&Self::Item) -> bool>(self, predicate: P) -> Filter<Self, P> where Self: Sized {
            Filter { iter: self, predicate: predicate }
        }
        fn filter_map<B, F: FnMut(Self::Item) -> Option<B>>(self, f: F) -> FilterMap<Self, F> where Self: Sized {
            FilterMap { iter: self, f: f }
        }
        fn enumerate(self) -> Enumerate<Self> where Self: Sized { Enumerate { iter: self, count: 0 } }
        fn peekable(self) -> Peekable<Self> where Self: Sized { Peekable { iter: self, peeked: None } }
        fn skip_while<P: FnMut(&Self::Item) -> bool>(self, predicate: P) -> SkipWhile<Self, P> where Self: Sized {
            SkipWhile { iter: self, flag: false, predicate: predicate }
        }
        fn take_while<P: FnMut(&Self::Item) -> bool>(self, predicate: P) -> TakeWhile<Self, P> where Self: Sized {
            TakeWhile { iter: self, flag: false, predicate: predicate }
        }
        fn skip(self, n: usize) -> Skip<Self> where Self: Sized { Skip { iter: self, n: n } }
        fn take(self, n: usize) -> Take<Self> where Self: Sized { Take { iter: self, n: n } }
        fn flat_map<U: IntoIterator, F: FnMut(Self::Item) -> U>(self, f: F) -> FlatMap<Self, U, F> where Self: Sized {
            FlatMap { iter: self, f: f, front: None }
        }
        fn flatten(self) -> Flatten<Self> where Self: Sized, Self::Item: IntoIterator {
            Flatten { iter: self, front: None }
        }
        fn inspect<F: FnMut(&Self::Item)>(self, f: F) -> Inspect<Self, F> where Self: Sized { Inspect { iter: self, f: f } }
        fn by_ref(&mut self) -> &mut Self where Self: Sized { self }
        #[intrinsic]
        fn collect<B: FromIterator<Self::Item>>(self) -> B where Self: Sized;
        fn partition<B: Default + Extend<Self::Item>, F: FnMut(&Self::Item) -> bool>(self, f: F) -> (B, B) where Self: Sized {
            let mut left: B = B::default();
            let mut right: B = B::default();
            let mut f = f;
            let mut it = self;
            while let Some(x) = it.next() {
                if f(&x) { left.extend(Some(x)); } else { right.extend(Some(x)); }
            }
            (left, right)
        }
        fn fold<B, F: FnMut(B, Self::Item) -> B>(self, init: B, f: F) -> B where Self: Sized {
            let mut it = self;
            let mut f = f;
            let mut acc = init;
            while let Some(x) = it.next() { acc = f(acc, x); }
            acc
        }
        fn reduce<F: FnMut(Self::Item, Self::Item) -> Self::Item>(self, f: F) -> Option<Self::Item> where Self: Sized {
            let mut it = self;
            let first = it.next()?;
            Some(it.fold(first, f))
        }
        fn all<F: FnMut(Self::Item) -> bool>(&mut self, f: F) -> bool where Self: Sized {
            let mut f = f;
            while let Some(x) = self.next() { if !f(x) { return false; } }
            true
        }
        fn any<F: FnMut(Self::Item) -> bool>(&mut self, f: F) -> bool where Self: Sized {
            let mut f = f;
            while let Some(x) = self.next() { if f(x) { return true; } }
            false
        }
        fn find<P: FnMut(&Self::Item) -> bool>(&mut self, predicate: P) -> Option<Self::Item> where Self: Sized {
            let mut predicate = predicate;
            while let Some(x) = self.next() { if predicate(&x) { return Some(x); } }
            None
        }
        fn find_map<B, F: FnMut(Self::Item) -> Option<B>>(&mut self, f: F) -> Option<B> where Self: Sized {
            let mut f = f;
            while let Some(x) = self.next() { if let Some(y) = f(x) { return Some(y); } }
            None
        }
        fn position<P: FnMut(Self::Item) -> bool>(&mut self, predicate: P) -> Option<usize> where Self: Sized {
            let mut predicate = predicate;
            let mut i = 0;
            while let Some(x) = self.next() { if predicate(x) { return Some(i); } i += 1; }
            None
        }
        fn max(self) -> Option<Self::Item> where Self: Sized, Self::Item: Ord {
            self.reduce(|a, b| if b >= a { b } else { a })
        }
        fn min(self) -> Option<Self::Item> where Self: Sized, Self::Item: Ord {
            self.reduce(|a, b| if b < a { b } else { a })
        }
        fn max_by_key<B: Ord, F: FnMut(&Self::Item) -> B>(self, f: F) -> Option<Self::Item> where Self: Sized {
            let mut f = f;
            let mut best: Option<(B, Self::Item)> = None;
            let mut it = self;
            while let Some(x) = it.next() {
                let k = f(&x);
                best = match best { Some((bk, bx)) => if k >= bk { Some((k, x)) } else { Some((bk, bx)) }, None => Some((k, x)) };
            }
            best.map(|p| p.1)
        }
        fn min_by_key<B: Ord, F: FnMut(&Self::Item) -> B>(self, f: F) -> Option<Self::Item> where Self: Sized {
            let mut f = f;
            let mut best: Option<(B, Self::Item)> = None;
            let mut it = self;
            while let Some(x) = it.next() {
                let k = f(&x);
                best = match best { Some((bk, bx)) => if k < bk { Some((k, x)) } else { Some((bk, bx)) }, None => Some((k, x)) };
            }
            best.map(|p| p.1)
        }
        fn max_by<F: FnMut(&Self::Item, &Self::Item) -> cmp::Ordering>(self, compare: F) -> Option<Self::Item> where Self: Sized {
            let mut compare = compare;
            self.reduce(|a, b| if compare(&a, &b) == cmp::Ordering::Greater { a } else { b })
        }
        fn min_by<F: FnMut(&Self::Item, &Self::Item) -> cmp::Ordering>(self, compare: F) -> Option<Self::Item> where Self: Sized {
            let mut compare = compare;
            self.reduce(|a, b| if compare(&a, &b) == cmp::Ordering::Greater { b } else { a })
        }
        fn rev(self) -> Rev<Self> where Self: Sized + DoubleEndedIterator { Rev { iter: self } }
        fn copied<'a, T: 'a + Copy>(self) -> Copied<Self> where Self: Sized + Iterator<Item = &'a T> { Copied { iter: self } }
        fn cloned<'a, T: 'a + Clone>(self) -> Cloned<Self> where Self: Sized + Iterator<Item = &'a T> { Cloned { iter: self } }
        fn cycle(self) -> Cycle<Self> where Self: Sized + Clone { Cycle { orig: self.clone(), iter: self } }
        #[intrinsic]
        fn sum<S: Sum<Self::Item>>(self) -> S where Self: Sized;
        #[intrinsic]
        fn product<P: Product<Self::Item>>(self) -> P where Self: Sized;
    }

    pub trait DoubleEndedIterator: Iterator {
        fn next_back(&mut self) -> Option<Self::Item>;
    }
    pub trait ExactSizeIterator: Iterator {
        fn len(&self) -> usize { let (lower, _) = self.size_hint(); lower }
    }
    pub trait IntoIterator {
        type Item;
        type IntoIter: Iterator<Item = Self::Item>;
        fn into_iter(self) -> Self::IntoIter;
    }
    impl<I: Iterator> IntoIterator for I {
        type Item = I::Item;
        type IntoIter = I;
        fn into_iter(self) -> I { self }
    }
    pub trait FromIterator<A>: Sized {
        fn from_iter<T: IntoIterator<Item = A>>(iter: T) -> Self;
    }
    pub trait Extend<A> {
        fn extend<T: IntoIterator<Item = A>>(&mut self, iter: T);
    }
    // Implemented by the compiler: integers and floats sum their values and
    // references to them.
    pub trait Sum<A = Self>: Sized {
        fn sum<I: Iterator<Item = A>>(iter: I) -> Self;
    }
    pub trait Product<A = Self>: Sized {
        fn product<I: Iterator<Item = A>>(iter: I) -> Self;
    }
    impl<A, E, V: FromIterator<A>> FromIterator<Result<A, E>> for Result<V, E> {
        fn from_iter<I: IntoIterator<Item = Result<A, E>>>(iter: I) -> Result<V, E>;
    }
    impl<A, V: FromIterator<A>> FromIterator<Option<A>> for Option<V> {
        fn from_iter<I: IntoIterator<Item = Option<A>>>(iter: I) -> Option<V>;
    }
    impl FromIterator<()> for () { fn from_iter<I: IntoIterator<Item = ()>>(iter: I) -> (); }
    impl<T, U: Sum<T>> Sum<Option<T>> for Option<U> { fn sum<I: Iterator<Item = Option<T>>>(iter: I) -> Option<U>; }
    impl<T, U: Product<T>> Product<Option<T>> for Option<U> { fn product<I: Iterator<Item = Option<T>>>(iter: I) -> Option<U>; }
    impl<T, U: Sum<T>, E> Sum<Result<T, E>> for Result<U, E> { fn sum<I: Iterator<Item = Result<T, E>>>(iter: I) -> Result<U, E>; }
    impl<T, U: Product<T>, E> Product<Result<T, E>> for Result<U, E> { fn product<I: Iterator<Item = Result<T, E>>>(iter: I) -> Result<U, E>; }

    impl<'a, I: Iterator + ?Sized> Iterator for &'a mut I {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> { (**self).next() }
    }

    pub fn empty<T>() -> Empty<T> { Empty { done: None } }
    pub fn once<T>(value: T) -> Once<T> { Once { value: Some(value) } }
    pub fn repeat<T: Clone>(elt: T) -> Repeat<T> { Repeat { element: elt } }
    pub fn from_fn<T, F: FnMut() -> Option<T>>(f: F) -> FromFn<F> { FromFn { f: f } }
    pub fn successors<T, F: FnMut(&T) -> Option<T>>(first: Option<T>, succ: F) -> Successors<T, F> {
        Successors { next: first, succ: succ }
    }

    pub struct Empty<T> { done: Option<T> }
    impl<T> Iterator for Empty<T> { type Item = T; fn next(&mut self) -> Option<T> { None } }
    pub struct Once<T> { value: Option<T> }
    impl<T> Iterator for Once<T> { type Item = T; fn next(&mut self) -> Option<T> { self.value.take() } }
    pub struct Repeat<T> { element: T }
    impl<T: Clone> Iterator for Repeat<T> { type Item = T; fn next(&mut self) -> Option<T> { Some(self.element.clone()) } }
    pub struct FromFn<F> { f: F }
    impl<T, F: FnMut() -> Option<T>> Iterator for FromFn<F> { type Item = T; fn next(&mut self) -> Option<T> { (self.f)() } }
    pub struct Successors<T, F> { next: Option<T>, succ: F }
    impl<T, F: FnMut(&T) -> Option<T>> Iterator for Successors<T, F> {
        type Item = T;
        fn next(&mut self) -> Option<T> {
            let item = self.next.take()?;
            self.next = (self.succ)(&item);
            Some(item)
        }
    }

    pub struct Map<I, F> { iter: I, f: F }
    impl<B, I: Iterator, F: FnMut(I::Item) -> B> Iterator for Map<I, F> {
        type Item = B;
        fn next(&mut self) -> Option<B> { match self.iter.next() { Some(x) => Some((self.f)(x)), None => None } }
    }
    impl<B, I: DoubleEndedIterator, F: FnMut(I::Item) -> B> DoubleEndedIterator for Map<I, F> {
        fn next_back(&mut self) -> Option<B> { match self.iter.next_back() { Some(x) => Some((self.f)(x)), None => None } }
    }
    impl<B, I: ExactSizeIterator, F: FnMut(I::Item) -> B> ExactSizeIterator for Map<I, F> {}

    pub struct Filter<I, P> { iter: I, predicate: P }
    impl<I: Iterator, P: FnMut(&I::Item) -> bool> Iterator for Filter<I, P> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            while let Some(x) = self.iter.next() { if (self.predicate)(&x) { return Some(x); } }
            None
        }
    }
    impl<I: DoubleEndedIterator, P: FnMut(&I::Item) -> bool> DoubleEndedIterator for Filter<I, P> {
        fn next_back(&mut self) -> Option<I::Item> {
            while let Some(x) = self.iter.next_back() { if (self.predicate)(&x) { return Some(x); } }
            None
        }
    }

    pub struct FilterMap<I, F> { iter: I, f: F }
    impl<B, I: Iterator, F: FnMut(I::Item) -> Option<B>> Iterator for FilterMap<I, F> {
        type Item = B;
        fn next(&mut self) -> Option<B> {
            while let Some(x) = self.iter.next() { if let Some(y) = (self.f)(x) { return Some(y); } }
            None
        }
    }

    pub struct Enumerate<I> { iter: I, count: usize }
    impl<I: Iterator> Iterator for Enumerate<I> {
        type Item = (usize, I::Item);
        fn next(&mut self) -> Option<(usize, I::Item)> {
            let a = self.iter.next()?;
            let i = self.count;
            self.count += 1;
            Some((i, a))
        }
    }
    impl<I: DoubleEndedIterator + ExactSizeIterator> DoubleEndedIterator for Enumerate<I> {
        fn next_back(&mut self) -> Option<(usize, I::Item)> {
            let a = self.iter.next_back()?;
            let len = self.iter.len();
            Some((self.count + len, a))
        }
    }

    pub struct Zip<A, B> { a: A, b: B }
    impl<A: Iterator, B: Iterator> Iterator for Zip<A, B> {
        type Item = (A::Item, B::Item);
        fn next(&mut self) -> Option<(A::Item, B::Item)> {
            let x = self.a.next()?;
            let y = self.b.next()?;
            Some((x, y))
        }
    }

    pub struct Chain<A, B> { a: Option<A>, b: Option<B> }
    impl<A: Iterator, B: Iterator<Item = A::Item>> Iterator for Chain<A, B> {
        type Item = A::Item;
        fn next(&mut self) -> Option<A::Item> {
            if let Some(a) = &mut self.a {
                match a.next() { Some(x) => return Some(x), None => { self.a = None; } }
            }
            match &mut self.b { Some(b) => b.next(), None => None }
        }
    }

    impl<A: DoubleEndedIterator, B: DoubleEndedIterator<Item = A::Item>> DoubleEndedIterator for Chain<A, B> {
        fn next_back(&mut self) -> Option<A::Item> {
            if let Some(b) = &mut self.b {
                match b.next_back() { Some(x) => return Some(x), None => { self.b = None; } }
            }
            match &mut self.a { Some(a) => a.next_back(), None => None }
        }
    }

    pub struct Rev<I> { iter: I }
    impl<I: DoubleEndedIterator> Iterator for Rev<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> { self.iter.next_back() }
    }
    impl<I: DoubleEndedIterator> DoubleEndedIterator for Rev<I> {
        fn next_back(&mut self) -> Option<I::Item> { self.iter.next() }
    }

    pub struct Take<I> { iter: I, n: usize }
    impl<I: Iterator> Iterator for Take<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            if self.n == 0 { return None; }
            self.n -= 1;
            self.iter.next()
        }
    }

    pub struct Skip<I> { iter: I, n: usize }
    impl<I: Iterator> Iterator for Skip<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            while self.n > 0 { self.n -= 1; self.iter.next()?; }
            self.iter.next()
        }
    }

    pub struct StepBy<I> { iter: I, step: usize, first: bool }
    impl<I: Iterator> Iterator for StepBy<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            if self.first { self.first = false; return self.iter.next(); }
            self.iter.nth(self.step - 1)
        }
    }

    pub struct TakeWhile<I, P> { iter: I, flag: bool, predicate: P }
    impl<I: Iterator, P: FnMut(&I::Item) -> bool> Iterator for TakeWhile<I, P> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            if self.flag { return None; }
            let x = self.iter.next()?;
            if (self.predicate)(&x) { Some(x) } else { self.flag = true; None }
        }
    }

    pub struct SkipWhile<I, P> { iter: I, flag: bool, predicate: P }
    impl<I: Iterator, P: FnMut(&I::Item) -> bool> Iterator for SkipWhile<I, P> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            loop {
                let x = self.iter.next()?;
                if self.flag || !(self.predicate)(&x) { self.flag = true; return Some(x); }
            }
        }
    }

    pub struct Peekable<I: Iterator> { iter: I, peeked: Option<Option<I::Item>> }
    impl<I: Iterator> Iterator for Peekable<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            match self.peeked.take() { Some(v) => v, None => self.iter.next() }
        }
    }
    impl<I: Iterator> Peekable<I> {
        pub fn peek(&mut self) -> Option<&I::Item> {
            if self.peeked.is_none() { self.peeked = Some(self.iter.next()); }
            match &self.peeked { Some(Some(x)) => Some(x), _ => None }
        }
        pub fn next_if<F: FnOnce(&I::Item) -> bool>(&mut self, func: F) -> Option<I::Item> {
            let x = self.next()?;
            if func(&x) { Some(x) } else { self.peeked = Some(Some(x)); None }
        }
    }

    pub struct FlatMap<I, U: IntoIterator, F> { iter: I, f: F, front: Option<U::IntoIter> }
    impl<I: Iterator, U: IntoIterator, F: FnMut(I::Item) -> U> Iterator for FlatMap<I, U, F> {
        type Item = U::Item;
        fn next(&mut self) -> Option<U::Item> {
            loop {
                if let Some(inner) = &mut self.front {
                    if let Some(x) = inner.next() { return Some(x); }
                }
                let next = self.iter.next()?;
                self.front = Some((self.f)(next).into_iter());
            }
        }
    }

    pub struct Flatten<I: Iterator> where I::Item: IntoIterator {
        iter: I,
        front: Option<<I::Item as IntoIterator>::IntoIter>,
    }
    impl<I: Iterator> Iterator for Flatten<I> where I::Item: IntoIterator {
        type Item = <I::Item as IntoIterator>::Item;
        fn next(&mut self) -> Option<<I::Item as IntoIterator>::Item> {
            loop {
                if let Some(inner) = &mut self.front {
                    if let Some(x) = inner.next() { return Some(x); }
                }
                let next = self.iter.next()?;
                self.front = Some(next.into_iter());
            }
        }
    }

    pub struct Inspect<I, F> { iter: I, f: F }
    impl<I: Iterator, F: FnMut(&I::Item)> Iterator for Inspect<I, F> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            let x = self.iter.next()?;
            (self.f)(&x);
            Some(x)
        }
    }

    pub struct Copied<I> { iter: I }
    impl<'a, T: 'a + Copy, I: Iterator<Item = &'a T>> Iterator for Copied<I> {
        type Item = T;
        fn next(&mut self) -> Option<T> { match self.iter.next() { Some(x) => Some(*x), None => None } }
    }
    impl<'a, T: 'a + Copy, I: DoubleEndedIterator<Item = &'a T>> DoubleEndedIterator for Copied<I> {
        fn next_back(&mut self) -> Option<T> { match self.iter.next_back() { Some(x) => Some(*x), None => None } }
    }
    impl<B, I: DoubleEndedIterator, F: FnMut(I::Item) -> Option<B>> DoubleEndedIterator for FilterMap<I, F> {
        fn next_back(&mut self) -> Option<B> {
            while let Some(x) = self.iter.next_back() { if let Some(y) = (self.f)(x) { return Some(y); } }
            None
        }
    }
    pub struct Cloned<I> { iter: I }
    impl<'a, T: 'a + Clone, I: DoubleEndedIterator<Item = &'a T>> DoubleEndedIterator for Cloned<I> {
        fn next_back(&mut self) -> Option<T> { match self.iter.next_back() { Some(x) => Some(x.clone()), None => None } }
    }
    impl<'a, T: 'a + Clone, I: Iterator<Item = &'a T>> Iterator for Cloned<I> {
        type Item = T;
        fn next(&mut self) -> Option<T> { match self.iter.next() { Some(x) => Some(x.clone()), None => None } }
    }
    pub struct Cycle<I> { orig: I, iter: I }
    impl<I: Clone + Iterator> Iterator for Cycle<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            match self.iter.next() {
                None => { self.iter = self.orig.clone(); self.iter.next() }
                y => y,
            }
        }
    }
}
