fn main() {
    let mut v: Vec<i32> = Vec::new();
    println!("{:?} {} {}", v, v.len(), v.is_empty());
    v.push(10);
    v.push(20);
    v.push(30);
    println!("{:?} len {} first {:?} last {:?}", v, v.len(), v.first(), v.last());
    println!("v[1] = {} get(2) = {:?} get(9) = {:?}", v[1], v.get(2), v.get(9));
    v[1] += 5;
    v.insert(0, 5);
    println!("{:?}", v);
    let removed = v.remove(2);
    println!("removed {} -> {:?}", removed, v);
    println!("pop {:?} -> {:?}", v.pop(), v);
    println!("contains 30: {} contains 10: {}", v.contains(&30), v.contains(&10));
    let mut w: Vec<i32> = Vec::with_capacity(4);
    w.extend(vec![3, 1, 2]);
    let more = vec![9, 7];
    w.extend(more.iter());
    println!("{:?} cap>=4: {}", w, w.capacity() >= 4);
    w.sort();
    println!("sorted {:?}", w);
    w.reverse();
    println!("reversed {:?}", w);
    for x in w.iter_mut() {
        *x *= 10;
    }
    println!("scaled {:?}", w);
    let copy = w.clone();
    w.clear();
    println!("{:?} {:?} {}", w, copy, w.is_empty());
    let filled = vec![0u8; 5];
    println!("{:?}", filled);
    let mut total = 0;
    for x in &copy {
        total += x;
    }
    println!("total {}", total);
}
