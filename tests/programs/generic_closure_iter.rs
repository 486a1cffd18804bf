// Iterator adaptors over closures inside generic fns and impls: the
// closure's signature names the fn's parameters (`|x: &T| ...`), lowered
// once per instance.
use std::fmt::Debug;

struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone + Debug + PartialOrd> Stack<T> {
    fn labels(&self) -> Vec<String> {
        self.items.iter().map(|x| format!("<{:?}>", x)).collect()
    }

    fn count_if(&self, f: impl Fn(&T) -> bool) -> usize {
        self.items.iter().filter(|x| f(x)).count()
    }

    fn above(&self, limit: T) -> Vec<T> {
        self.items.iter().filter(|x| *x > &limit).cloned().collect()
    }

    fn first_pos(&self, want: &T) -> Option<usize> {
        self.items.iter().position(|x| x == want)
    }
}

fn total<T: Copy + std::ops::Add<Output = T>>(xs: &[T], zero: T) -> T {
    xs.iter().map(|x| *x).fold(zero, |a, b| a + b)
}

fn pairs<A: Clone + Debug, B: Clone + Debug>(a: &Vec<A>, b: &Vec<B>) -> Vec<String> {
    a.iter().zip(b.iter()).map(|(x, y)| format!("{:?}={:?}", x, y)).collect()
}

fn main() {
    let s = Stack { items: vec![3, 1, 4, 1, 5] };
    println!("{:?}", s.labels());
    println!("{}", s.count_if(|x| *x > 1));
    println!("{:?}", s.above(2));
    println!("{:?} {:?}", s.first_pos(&4), s.first_pos(&9));
    let t = Stack { items: vec![String::from("b"), String::from("a"), String::from("c")] };
    println!("{:?}", t.labels());
    println!("{}", t.count_if(|x| x.as_str() != "a"));
    println!("{:?}", t.above(String::from("a")));
    println!("{:?}", t.first_pos(&String::from("c")));
    println!("{}", total(&[1u8, 2, 3], 0));
    println!("{}", total(&[1.5f64, 2.25], 0.0));
    println!("{:?}", pairs(&vec![1, 2], &vec!["x", "y"]));
    println!("{:?}", pairs(&vec!['a'], &vec![true]));
}
