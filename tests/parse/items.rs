// Every item kind of the language parses.
#![allow(unused)]
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::{fmt::Display, fmt::Debug as Dbg};

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: i64,
    pub y: i64,
}

struct Wrapper(u64, String);
struct Unit;

enum Shape {
    Circle { r: f64 },
    Square(u64),
    Empty,
}

enum Level { Low = 1, High = 10 }

const LIMIT: u64 = 1_000;
static GREETING: &str = "hi";
type Pair = (u64, u64);

trait Named: Clone + fmt::Debug where Self: Sized {
    type Item: Clone;
    const ID: u32;
    const DEFAULT_ID: u32 = 7;
    fn name(&self) -> String;
    fn with_default(&self) -> String { self.name() }
    async fn fetch(&mut self, url: &str) -> String;
    fn items(&self) -> impl Iterator<Item = u64>;
    fn make() -> Self where Self: Sized;
    fn generic<T: Display + ?Sized>(&self, t: &T) -> usize;
    fn boxed(self: Box<Self>) -> u64;
    fn pinned(self: Pin<&mut Self>);
}

impl Point {
    pub fn new(x: i64, y: i64) -> Self { Point { x, y } }
    fn len(&self) -> i64 { self.x * self.x + self.y * self.y }
}

impl<T: Clone> From<T> for Wrapper where T: Into<u64> {
    fn from(t: T) -> Wrapper { Wrapper(t.into(), String::new()) }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

fn generic<'a, T, U: Clone + 'a>(a: &'a T, b: U) -> &'a T where T: fmt::Debug + ?Sized {
    a
}

async fn boxed_future() -> Pin<Box<dyn Future<Output = u64>>> {
    Box::pin(async move { 1 })
}

fn returns_fn(k: u64) -> impl Fn(u64) -> u64 {
    move |x| x * k
}

fn takes_dyn(f: &dyn Fn(u64) -> u64, g: Box<dyn FnMut() + 'static>, h: fn(u8) -> u8) {}

fn main() {}
