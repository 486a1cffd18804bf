// The rustc twin of ../async_dyn_mut.rs: the async trait methods desugared
// by hand into methods returning Pin<Box<dyn Future + '_>> (each `.box` /
// dyn_box! through `dyn` is one call of them, one allocation).
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep, yield_now};
use std::future::Future;
use std::pin::Pin;

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

trait Account {
    fn deposit(&mut self, amount: u64) -> BoxFut<'_, u64>;
    fn audit(&self) -> BoxFut<'_, String>;
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
    fn deposit(&mut self, amount: u64) -> BoxFut<'_, u64> {
        Box::pin(async move {
            sleep(3).await;
            self.balance += amount;
            self.balance
        })
    }
    fn audit(&self) -> BoxFut<'_, String> {
        Box::pin(async move {
            yield_now().await;
            format!("savings#{}={}", self.id, self.balance)
        })
    }
    fn id(&self) -> u32 {
        self.id
    }
}

impl Account for Checking {
    fn deposit(&mut self, amount: u64) -> BoxFut<'_, u64> {
        Box::pin(async move {
            sleep(1).await;
            self.balance += amount - self.fee;
            sleep(1).await;
            self.balance
        })
    }
    fn audit(&self) -> BoxFut<'_, String> {
        Box::pin(async move { format!("checking#{}={} (fee {})", self.id, self.balance, self.fee) })
    }
    fn id(&self) -> u32 {
        self.id
    }
}

async fn pay(acct: &mut dyn Account, amounts: &Vec<u64>) -> u64 {
    let mut last = 0;
    for a in amounts {
        last = acct.deposit(*a).await;
        println!("  #{} -> {} at {}ms", acct.id(), last, now());
    }
    last
}

async fn async_main() {
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
        pending.push(acct.audit());
    }
    println!("{} audits queued at {}ms", pending.len(), now());
    for f in pending {
        println!("{}", f.await);
    }
}

fn main() {
    rt::run_main(async_main());
}
