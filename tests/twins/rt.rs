// rt.rs — dynbox's executor (DESIGN.md section 6, runtime/exec.c) written in
// plain Rust, so that a program's "twin" (the same program with every `.box`
// and async trait method desugared by hand into `Pin<Box<dyn Future>>`) can
// be compiled by rustc and must print exactly what dynbox prints. The one
// copy: the twins here and in tests/async/twins/ use it as `mod rt` (#[path]),
// and tests/async/run.sh puts it as `mod dynbox_rt` in front of each golden
// that is valid Rust (its `main` renamed; `shutdown` after it).
//
// The rules, as runtime/exec.c implements them: passes over the live tasks in
// creation order with main first; a task spawned during a pass is reached in
// that pass; a task is polled when it is new, its timer has expired, the task
// it awaits has completed, or it yielded in an earlier pass; when a pass
// finds nothing to run the virtual clock jumps to the earliest timer; no
// timer with main pending is a deadlock. Futures are lazy: `sleep` starts
// counting at its first poll. When main returns, the remaining tasks are
// dropped in creation order.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Clone, Copy)]
enum Wait {
    New,
    Timer(u64),
    Join(usize),
    Yield(u64),
    Nothing,
}

type TaskFuture = Pin<Box<dyn Future<Output = ()>>>;

thread_local! {
    static NOW: Cell<u64> = const { Cell::new(0) };
    static PASS: Cell<u64> = const { Cell::new(0) };
    // What the leaf future that returned pending is waiting for.
    static WAIT: Cell<Wait> = const { Cell::new(Wait::Nothing) };
    // Spawned tasks in creation order: their future (None while polled or
    // once finished), what they wait for, whether they finished.
    static TASKS: RefCell<Vec<(Option<TaskFuture>, Wait, bool)>> = const { RefCell::new(Vec::new()) };
    static IN_BLOCK_ON: Cell<bool> = const { Cell::new(false) };
}

pub fn now() -> u64 {
    NOW.with(|n| n.get())
}

fn can_progress(w: Wait) -> bool {
    match w {
        Wait::New => true,
        Wait::Timer(deadline) => now() >= deadline,
        Wait::Join(task) => TASKS.with(|t| t.borrow()[task].2),
        Wait::Yield(pass) => PASS.with(|p| p.get()) > pass,
        Wait::Nothing => false,
    }
}

fn poll_once<F: Future + ?Sized>(fut: Pin<&mut F>) -> (Poll<F::Output>, Wait) {
    WAIT.with(|w| w.set(Wait::Nothing));
    let mut cx = Context::from_waker(Waker::noop());
    let r = fut.poll(&mut cx);
    // Pending without a timer, a yield or a JoinHandle (std::future::pending)
    // waits on nothing: never polled again; with nothing else to run, the
    // executor panics with "deadlock" as runtime/exec.c does.
    (r, WAIT.with(|w| w.get()))
}

// ---- leaf futures ----

pub struct Sleep {
    ms: u64,
    deadline: Option<u64>,
}

pub fn sleep(ms: u64) -> Sleep {
    Sleep { ms, deadline: None }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        let deadline = match self.deadline {
            Some(d) => d,
            None => {
                let d = now().saturating_add(self.ms);
                self.deadline = Some(d);
                d
            }
        };
        if now() >= deadline {
            return Poll::Ready(());
        }
        WAIT.with(|w| w.set(Wait::Timer(deadline)));
        Poll::Pending
    }
}

pub struct YieldNow {
    yielded: bool,
}

pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        let pass = PASS.with(|p| p.get());
        WAIT.with(|w| w.set(Wait::Yield(pass)));
        Poll::Pending
    }
}

// ---- spawn and JoinHandle ----

pub struct JoinHandle<T> {
    task: usize,
    output: Rc<RefCell<Option<T>>>,
}

pub fn spawn<F: Future + 'static>(fut: F) -> JoinHandle<F::Output> {
    let output = Rc::new(RefCell::new(None));
    let slot = output.clone();
    let task: TaskFuture = Box::pin(async move {
        let v = fut.await;
        *slot.borrow_mut() = Some(v);
    });
    let id = TASKS.with(|t| {
        let mut t = t.borrow_mut();
        t.push((Some(task), Wait::New, false));
        t.len() - 1
    });
    JoinHandle { task: id, output }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
        let done = TASKS.with(|t| t.borrow()[self.task].2);
        if !done {
            WAIT.with(|w| w.set(Wait::Join(self.task)));
            return Poll::Pending;
        }
        Poll::Ready(self.output.borrow_mut().take().expect("JoinHandle of a task that was dropped"))
    }
}

// ---- the executor ----

fn poll_task(i: usize) {
    let fut = TASKS.with(|t| t.borrow_mut()[i].0.take());
    let Some(mut fut) = fut else { return };
    let (r, wait) = poll_once(fut.as_mut());
    match r {
        // A completed future is dropped at once, as runtime/exec.c does.
        Poll::Ready(()) => {
            drop(fut);
            TASKS.with(|t| t.borrow_mut()[i].2 = true);
        }
        Poll::Pending => TASKS.with(|t| {
            let mut t = t.borrow_mut();
            t[i].0 = Some(fut);
            t[i].1 = wait;
        }),
    }
}

#[track_caller]
pub fn block_on<F: Future>(fut: F) -> F::Output {
    if IN_BLOCK_ON.with(|c| c.replace(true)) {
        panic!("cannot call `block_on` from inside a task");
    }
    let mut fut = std::pin::pin!(fut);
    let mut root = Wait::New;
    loop {
        PASS.with(|p| p.set(p.get() + 1));
        let mut progressed = false;
        if can_progress(root) {
            progressed = true;
            let (r, wait) = poll_once(fut.as_mut());
            if let Poll::Ready(v) = r {
                IN_BLOCK_ON.with(|c| c.set(false));
                return v;
            }
            root = wait;
        }
        // The length is read each time: tasks spawned in this pass are reached.
        let mut i = 0;
        while i < TASKS.with(|t| t.borrow().len()) {
            let (live, wait) = TASKS.with(|t| {
                let t = t.borrow();
                (t[i].0.is_some() && !t[i].2, t[i].1)
            });
            if live && can_progress(wait) {
                progressed = true;
                poll_task(i);
            }
            i += 1;
        }
        if progressed {
            continue;
        }
        let mut next: Option<u64> = None;
        let mut consider = |w: Wait| {
            if let Wait::Timer(d) = w {
                next = Some(next.map_or(d, |n: u64| n.min(d)));
            }
        };
        consider(root);
        TASKS.with(|t| {
            for (f, w, done) in t.borrow().iter() {
                if f.is_some() && !done {
                    consider(*w);
                }
            }
        });
        match next {
            Some(n) => NOW.with(|c| c.set(n)),
            None => panic!("deadlock"),
        }
    }
}

/// `async fn main`: run it, then drop the remaining tasks in creation order.
pub fn run_main<F: Future<Output = ()>>(main: F) {
    block_on(main);
    shutdown();
}

/// When main returns (async or not), the remaining tasks are dropped in
/// creation order.
pub fn shutdown() {
    let mut i = 0;
    while i < TASKS.with(|t| t.borrow().len()) {
        let fut = TASKS.with(|t| t.borrow_mut()[i].0.take());
        drop(fut);
        i += 1;
    }
}
