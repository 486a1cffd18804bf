// dynbox-only: racing boxed futures (through `dyn`) as tasks: the finish
// order is the virtual time, then polling order (spawn order) at equal
// times, so the "winner" of a tie is the racer spawned first; dropping the
// losers' handles leaves their tasks running (their output and Flag are
// dropped when they end). Boxed: 3 racers x 2 races = 6.
trait Racer {
    async fn run(&self, lap: u64) -> &'static str;
}

struct Car {
    name: &'static str,
    speed: u64,
}

struct Flag {
    name: &'static str,
}

impl Drop for Flag {
    fn drop(&mut self) {
        println!("  drop flag of {} at {}ms", self.name, now());
    }
}

impl Racer for Car {
    async fn run(&self, lap: u64) -> &'static str {
        let _f = Flag { name: self.name };
        sleep(lap * 10 / self.speed).await;
        println!("  {} finishes at {}ms", self.name, now());
        self.name
    }
}

fn cars() -> Vec<Box<dyn Racer>> {
    vec![
        Box::new(Car { name: "red", speed: 2 }),
        Box::new(Car { name: "blue", speed: 5 }),
        Box::new(Car { name: "green", speed: 5 }),
    ]
}

async fn race(lap: u64) -> &'static str {
    let mut handles = Vec::new();
    for c in cars() {
        // the task owns its car; the boxed future borrows it inside
        handles.push(spawn(async move { c.run(lap).box.await }));
    }
    let second = handles.remove(1);
    let winner = second.await;
    println!("  awaited the second racer at {}ms", now());
    drop(handles);
    winner
}

async fn main() {
    println!("race 1: {}", race(1).await);
    println!("race 2: {}", race(2).await);
    sleep(20).await;
    println!("main returns at {}ms", now());
}
