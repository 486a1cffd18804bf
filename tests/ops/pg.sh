#!/bin/sh
# pg.sh start DIR | stop DIR — a throwaway PostgreSQL server for tests: a
# fresh cluster in DIR, listening on loopback only on a free port, trust
# authentication for the `dynbox` role. `start` prints the conninfo URL.
# Debian's postgresql package provides the binaries; as root the server runs
# as the `postgres` user (PostgreSQL refuses to run as root).
set -eu
cmd=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "pg.sh: PostgreSQL is not installed" >&2; exit 3; }
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U dynbox --no-sync > "$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start > /dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://dynbox@127.0.0.1:$port/postgres"
    ;;
stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*) echo "usage: pg.sh start|stop DIR" >&2; exit 2 ;;
esac
