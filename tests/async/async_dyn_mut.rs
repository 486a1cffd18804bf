// dynbox-only: `.box` through `&mut dyn` and `Box<dyn>` (the proposal's
// syntax); the expected output was checked against a hand-desugared Rust
// twin, twins/async_dyn_mut.rs (methods returning Pin<Box<dyn Future + '_>>).
trait Account {
    async fn deposit(&mut self, amount: u64) -> u64;
    async fn audit(&self) -> String;
    fn id(&self) -> u32;
}

struct Savings {
    id: u32,
    balance: u64,
}

struct Checking {
    id: u32,
    balance: u64,
    fee: u64,
}

impl Account for Savings {
    async fn deposit(&mut self, amount: u64) -> u64 {
        sleep(3).await;
        self.balance += amount;
        self.balance
    }
    async fn audit(&self) -> String {
        yield_now().await;
        format!("savings#{}={}", self.id, self.balance)
    }
    fn id(&self) -> u32 {
        self.id
    }
}

impl Account for Checking {
    async fn deposit(&mut self, amount: u64) -> u64 {
        sleep(1).await;
        self.balance += amount - self.fee;
        sleep(1).await;
        self.balance
    }
    async fn audit(&self) -> String {
        format!("checking#{}={} (fee {})", self.id, self.balance, self.fee)
    }
    fn id(&self) -> u32 {
        self.id
    }
}

async fn pay(acct: &mut dyn Account, amounts: &Vec<u64>) -> u64 {
    let mut last = 0;
    for a in amounts {
        last = acct.deposit(*a).box.await;
        println!("  #{} -> {} at {}ms", acct.id(), last, now());
    }
    last
}

async fn main() {
    let mut accounts: Vec<Box<dyn Account>> = vec![
        Box::new(Savings { id: 1, balance: 100 }),
        Box::new(Checking { id: 2, balance: 50, fee: 2 }),
    ];
    let amounts = vec![10, 20];
    for acct in accounts.iter_mut() {
        let last = pay(&mut **acct, &amounts).await;
        println!("paid #{}: {}", acct.id(), last);
    }
    let mut pending = Vec::new();
    for acct in accounts.iter() {
        pending.push(dyn_box!(acct.audit()));
    }
    println!("{} audits queued at {}ms", pending.len(), now());
    for f in pending {
        println!("{}", f.await);
    }
}
