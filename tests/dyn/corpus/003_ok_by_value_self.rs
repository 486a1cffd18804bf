// by-value self is allowed by rustc (not callable through dyn)
trait T {
    fn consume(self) -> u64;
}

fn use_dyn(_: &dyn T) {}
