// Generic parameters, bounds, where clauses, associated types and paths.
trait Store {
    type Key: Clone + PartialEq;
    fn get(&self, k: &Self::Key) -> Option<&u64>;
}

struct Cache<K, V = u64> where K: Clone {
    items: Vec<(K, V)>,
}

impl<K: Clone + PartialEq, V> Cache<K, V> {
    fn find<Q>(&self, q: &Q) -> Option<&V> where Q: PartialEq<K> + ?Sized, for<'a> &'a K: Clone {
        None
    }
}

fn sum<I: Iterator<Item = u64>>(it: I) -> u64 { it.fold(0, |a, b| a + b) }

fn apply<F>(f: F) -> u64 where F: FnOnce(u64) -> u64 { f(1) }

fn nested() -> Vec<Vec<Option<Box<dyn Fn(u64) -> u64>>>> { Vec::new() }

fn qualified<T: Store>(t: &T, k: &<T as Store>::Key) -> bool { t.get(k).is_some() }

fn main() {
    let v: Vec<Vec<u64>> = Vec::<Vec<u64>>::new();
    let c = Cache::<String> { items: Vec::new() };
    let x = std::mem::size_of::<u64>();
    let shifted = 1u64 >> 2;
    let cmp = x < 3 && x > 1;
}
