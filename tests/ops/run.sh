#!/bin/sh
# run.sh TEST_STORE BUILD — operations tests: the snippet store against both
# backends (SQLite, and PostgreSQL in a throwaway cluster on loopback, pg.sh),
# both dialects carrying the same migrations, then two servers and two
# daemons sharing that PostgreSQL store (cluster.py). Where PostgreSQL is not
# installed its parts run on SQLite alone, with a message.
set -u
dir=$(dirname "$0")
test_store=$1 build=$2
sq=$(cd "$dir/../../migrations/sqlite" && ls *.sql)
pg=$(cd "$dir/../../migrations/postgres" && ls *.sql)
if [ "$sq" != "$pg" ]; then
    echo "FAIL migrations: sqlite has [$(echo $sq)], postgres has [$(echo $pg)]"
    exit 1
fi
echo "migrations: both dialects have [$(echo $sq)]"
pgdir=$(mktemp -d -u /tmp/dynbox-pg.XXXXXX)
url=$("$dir/pg.sh" start "$pgdir")
case $? in
0) trap '"$dir/pg.sh" stop "$pgdir"' EXIT ;;
3) url="" ; echo "store: postgres part skipped (PostgreSQL is not installed)" ;;
*) echo "FAIL store: could not start a PostgreSQL server"; exit 1 ;;
esac
DYNBOX_TEST_PG=$url "$test_store" || exit 1
DYNBOX_TEST_PG=$url python3 "$dir/cluster.py" "$build"
