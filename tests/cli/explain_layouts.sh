#!/bin/sh
# explain_layouts.sh DYNBOXC — `dynboxc explain` shows each boxed slot's
# fut_size/fut_align (issue 4), measured by compiling the lowered program.
# The sizes are checked against the program itself: under abi=vtable-size a
# `.box` allocates exactly the slot's fut_size, so explain's size for each
# impl must equal the bytes the ledger of `dynboxc run --stats` shows for the
# site that boxes that impl's future (per allocation). A program the
# lowering refuses is still explained, with the reason instead of sizes.
set -u
DYNBOXC=${1:?usage: explain_layouts.sh DYNBOXC}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 checks=0
bad() { echo "FAIL explain-layouts: $1"; fail=$((fail + 1)); }

cat > "$tmp/layouts.rs" <<'RS'
trait Job {
    async fn run(&self, n: u64) -> u64;
    fn id(&self) -> u64;
}
struct Small;
struct Big {
    k: u64,
}
impl Job for Small {
    async fn run(&self, n: u64) -> u64 {
        n + 1
    }
    fn id(&self) -> u64 {
        1
    }
}
impl Job for Big {
    async fn run(&self, n: u64) -> u64 {
        let a = String::from("held across an await");
        let b = vec![n, n + 1, n + 2];
        sleep(1).await;
        let c = format!("{}{}", a, b.len());
        sleep(1).await;
        c.len() as u64 + self.k
    }
    fn id(&self) -> u64 {
        2
    }
}
struct Unused;
impl Job for Unused {
    async fn run(&self, n: u64) -> u64 {
        n
    }
    fn id(&self) -> u64 {
        3
    }
}
async fn main() {
    let s: &dyn Job = &Small;
    let b: &dyn Job = &Big { k: 5 };
    let x = s.run(1).box.await;
    let y = b.run(2).box.await + b.run(3).box.await;
    println!("{} {} {} {}", x, y, s.id(), b.id());
    println!("{}", Unused.run(4).await);
}
RS
for abi in vtable-size callee; do
    "$DYNBOXC" explain --abi=$abi --json "$tmp/layouts.rs" > "$tmp/$abi.json" 2> "$tmp/err" || { bad "abi=$abi: explain --json failed"; cat "$tmp/err"; }
    "$DYNBOXC" explain --abi=$abi "$tmp/layouts.rs" > "$tmp/$abi.txt" 2> "$tmp/err" || bad "abi=$abi: explain failed"
    "$DYNBOXC" run --abi=$abi --stats "$tmp/layouts.rs" > /dev/null 2> "$tmp/$abi.stats" || bad "abi=$abi: run failed"
    # fut_size/fut_align of each impl's `run` slot, from the JSON
    python3 - "$tmp/$abi.json" > "$tmp/$abi.sizes" <<'PY' || bad "abi=$abi: JSON layout missing"
import json, sys
r = json.load(open(sys.argv[1]))
t = r["traits"][0]
for im in t["impls"]:
    s = [s for s in im["slots"] if s["kind"] == "boxed"][0]
    print(im["type"], s["fut_size"], s["fut_align"], s.get("fut_unknown", "-").replace(" ", "_"))
PY
    small=$(awk '$1 == "Small" { print $2 }' "$tmp/$abi.sizes")
    big=$(awk '$1 == "Big" { print $2 }' "$tmp/$abi.sizes")
    # the ledger's bytes at each `.box` site (line 42: Small's; 43: two of Big's)
    site_small=$(awk '$1 == "42:13" { print $3 }' "$tmp/$abi.stats")
    site_big=$(awk '$1 == "43:13" { print $3 }' "$tmp/$abi.stats")
    site_big2=$(awk '$1 == "43:34" { print $3 }' "$tmp/$abi.stats")
    checks=$((checks + 1))
    [ -n "$small" ] && [ "$small" = "$site_small" ] || bad "abi=$abi: Small's fut_size '$small', the ledger allocated '$site_small'"
    checks=$((checks + 1))
    [ -n "$big" ] && [ "$big" = "$site_big" ] && [ "$big" = "$site_big2" ] ||
        bad "abi=$abi: Big's fut_size '$big', the ledger allocated '$site_big'/'$site_big2'"
    checks=$((checks + 1))
    [ "$small" != "$big" ] || bad "abi=$abi: Big's future (locals across awaits) is no larger than Small's"
    checks=$((checks + 1))
    awk '$1 == "Small" || $1 == "Big" { if ($3 != 8) exit 1 }' "$tmp/$abi.sizes" || bad "abi=$abi: fut_align is not 8"
    checks=$((checks + 1))
    grep -q '^Unused None None the_program_never_makes_a_`dyn`_of_this_impl' "$tmp/$abi.sizes" ||
        bad "abi=$abi: Unused (never a dyn) should have no size, with the reason"
    checks=$((checks + 1))
    if [ $abi = vtable-size ]; then
        grep -q "<Big as Job>::run  {fut_size: $big, fut_align: 8, init, fut_vtable}" "$tmp/$abi.txt" || bad "abi=$abi: human output lacks Big's size"
    else
        grep -q "<Big as Job>::run  {construct}  (future: $big bytes, align 8)" "$tmp/$abi.txt" || bad "abi=$abi: human output lacks Big's size"
    fi
done

# a program the lowering refuses: explained all the same, with the reason
sed 's/println!("{}", Unused.run(4).await);/let w: u128 = 7; println!("{} {}", Unused.run(4).await, w);/' "$tmp/layouts.rs" > "$tmp/refused.rs"
checks=$((checks + 1))
if "$DYNBOXC" emit-c "$tmp/refused.rs" > /dev/null 2>&1; then
    echo "explain-layouts: note: refused.rs lowers now (u128 supported?); the refusal case is not exercised"
else
    "$DYNBOXC" explain "$tmp/refused.rs" > "$tmp/refused.txt" 2> "$tmp/err" || bad "explain of a program the lowering refuses failed"
    grep -q "<Big as Job>::run  {fut_size: ?, fut_align: ?, init, fut_vtable}  (size unknown: the lowering refused the program (line 45: " "$tmp/refused.txt" ||
        { bad "refused program: no 'size unknown: the lowering refused' line"; cat "$tmp/refused.txt"; }
    [ ! -s "$tmp/err" ] || bad "explain printed diagnostics of the lowering: $(head -3 "$tmp/err")"
fi
echo "explain-layouts: $((checks - fail)) of $checks checks passed"
[ $fail = 0 ]
