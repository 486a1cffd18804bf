// rt_shim.rs — the executor of DESIGN.md section 6 written in Rust, so that
// rustc can run the async goldens of tests/async (the differential in
// run.sh): the prelude's sleep, yield_now, now, spawn + JoinHandle and
// block_on with exactly runtime/exec.c's rules (passes in creation order,
// main first; a virtual clock that jumps only when no task can progress;
// lazy futures; tasks left when main returns dropped in creation order).
// run.sh puts this file in front of a golden whose `main` it has renamed
// (`dynbox_async_main` / `dynbox_sync_main`) and appends the real `main`.
#[allow(dead_code)]
mod dynbox_rt {
    use std::cell::{Cell, RefCell};
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll, Waker};

    #[derive(Clone, Copy, PartialEq)]
    enum Wait {
        New,
        Timer(u64),
        Join(usize),
        Yield(u64),
        Nothing,
    }

    struct Task {
        fut: Option<Pin<Box<dyn Future<Output = ()>>>>,
        wait: Wait,
        done: bool,
    }

    thread_local! {
        static NOW: Cell<u64> = const { Cell::new(0) };
        static PASS: Cell<u64> = const { Cell::new(0) };
        static CUR: Cell<Wait> = const { Cell::new(Wait::Nothing) };
        static IN_TASK: Cell<bool> = const { Cell::new(false) };
        static TASKS: RefCell<Vec<Task>> = const { RefCell::new(Vec::new()) };
    }

    pub fn now() -> u64 {
        NOW.with(|n| n.get())
    }

    fn task_done(id: usize) -> bool {
        TASKS.with(|t| t.borrow()[id].done)
    }

    fn can_progress(w: Wait) -> bool {
        match w {
            Wait::New => true,
            Wait::Timer(d) => now() >= d,
            Wait::Join(id) => task_done(id),
            Wait::Yield(p) => PASS.with(|c| c.get()) > p,
            Wait::Nothing => false,
        }
    }

    fn poll_in<F: Future + ?Sized>(f: Pin<&mut F>) -> (Poll<F::Output>, Wait) {
        CUR.with(|c| c.set(Wait::Nothing));
        let mut cx = Context::from_waker(Waker::noop());
        let r = f.poll(&mut cx);
        let w = CUR.with(|c| c.get());
        if r.is_pending() && w == Wait::Nothing {
            panic!("a future returned pending without waiting on sleep, yield_now or a JoinHandle");
        }
        (r, w)
    }

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
            let d = match self.deadline {
                Some(d) => d,
                None => {
                    let d = now().saturating_add(self.ms);
                    self.deadline = Some(d);
                    d
                }
            };
            if now() >= d {
                return Poll::Ready(());
            }
            CUR.with(|c| c.set(Wait::Timer(d)));
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
            CUR.with(|c| c.set(Wait::Yield(PASS.with(|p| p.get()))));
            Poll::Pending
        }
    }

    pub struct JoinHandle<T> {
        id: usize,
        out: Rc<RefCell<Option<T>>>,
    }

    impl<T> Future for JoinHandle<T> {
        type Output = T;
        fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
            if !task_done(self.id) {
                CUR.with(|c| c.set(Wait::Join(self.id)));
                return Poll::Pending;
            }
            Poll::Ready(self.out.borrow_mut().take().expect("JoinHandle of a task that was dropped"))
        }
    }

    pub fn spawn<F: Future + 'static>(f: F) -> JoinHandle<F::Output> {
        let out: Rc<RefCell<Option<F::Output>>> = Rc::new(RefCell::new(None));
        let slot = out.clone();
        let task = async move {
            let v = f.await;
            // nobody holds the handle any more: the output is dropped now
            if Rc::strong_count(&slot) > 1 {
                *slot.borrow_mut() = Some(v);
            }
        };
        let id = TASKS.with(|t| {
            let mut t = t.borrow_mut();
            t.push(Task { fut: Some(Box::pin(task)), wait: Wait::New, done: false });
            t.len() - 1
        });
        JoinHandle { id, out }
    }

    fn poll_task(i: usize) {
        let fut = TASKS.with(|t| t.borrow_mut()[i].fut.take());
        let Some(mut fut) = fut else { return };
        let (r, w) = poll_in(fut.as_mut());
        if r.is_ready() {
            TASKS.with(|t| t.borrow_mut()[i].done = true);
            drop(fut);
        } else {
            TASKS.with(|t| {
                let mut t = t.borrow_mut();
                t[i].fut = Some(fut);
                t[i].wait = w;
            });
        }
    }

    pub fn block_on<F: Future>(f: F) -> F::Output {
        if IN_TASK.with(|c| c.get()) {
            panic!("cannot call `block_on` from inside a task");
        }
        IN_TASK.with(|c| c.set(true));
        let mut f = Box::pin(f);
        let mut root = Wait::New;
        loop {
            PASS.with(|p| p.set(p.get() + 1));
            let mut progressed = false;
            if can_progress(root) {
                progressed = true;
                let (r, w) = poll_in(f.as_mut());
                if let Poll::Ready(v) = r {
                    IN_TASK.with(|c| c.set(false));
                    return v;
                }
                root = w;
            }
            let mut i = 0;
            while i < TASKS.with(|t| t.borrow().len()) {
                let (pending, w) = TASKS.with(|t| {
                    let t = t.borrow();
                    (!t[i].done && t[i].fut.is_some(), t[i].wait)
                });
                if pending && can_progress(w) {
                    progressed = true;
                    poll_task(i);
                }
                i += 1;
            }
            if progressed {
                continue;
            }
            let mut next: Option<u64> = None;
            if let Wait::Timer(d) = root {
                next = Some(d);
            }
            TASKS.with(|t| {
                for task in t.borrow().iter() {
                    if let (false, Wait::Timer(d)) = (task.done, task.wait) {
                        if task.fut.is_some() && next.map_or(true, |n| d < n) {
                            next = Some(d);
                        }
                    }
                }
            });
            match next {
                Some(n) => NOW.with(|c| c.set(n)),
                None => panic!("deadlock"),
            }
        }
    }

    /// When main returns, the remaining tasks are dropped in creation order.
    pub fn shutdown() {
        let mut i = 0;
        while i < TASKS.with(|t| t.borrow().len()) {
            let fut = TASKS.with(|t| t.borrow_mut()[i].fut.take());
            drop(fut);
            i += 1;
        }
    }
}

#[allow(unused_imports)]
use dynbox_rt::{block_on, now, sleep, spawn, yield_now, JoinHandle};
