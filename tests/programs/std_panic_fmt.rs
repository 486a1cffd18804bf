#[derive(Debug)]
enum State {
    Ready,
    Failed { code: i32 },
}

fn check(step: u32, s: &State) {
    match *s {
        State::Ready => println!("step {} ready", step),
        State::Failed { code } => panic!("step {} failed with {:?} (code {:#x})", step, s, code),
    }
}

fn main() {
    check(1, &State::Ready);
    check(2, &State::Failed { code: 255 });
    println!("not reached");
}
