#!/bin/sh
# docker_check.sh — scripts/docker-check passes on the Dockerfile and catches
# each kind of mistake in a broken copy of it (no Docker engine needed).
set -u
dir=$(dirname "$0")
check=$dir/../../scripts/docker-check
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
if ! "$check" > "$tmp/out"; then
    echo "FAIL docker-check: the Dockerfile has problems"; cat "$tmp/out"; fail=1
fi
# expect_problem NAME SED-SCRIPT TEXT: the broken copy must be refused with TEXT
expect_problem() {
    sed -e "$2" "$dir/../../Dockerfile" > "$tmp/$1.Dockerfile"
    if "$check" "$tmp/$1.Dockerfile" > "$tmp/$1.out"; then
        echo "FAIL docker-check accepted a Dockerfile with $1"; fail=1
    elif ! grep -q "$3" "$tmp/$1.out"; then
        echo "FAIL docker-check on $1: no \"$3\" in"; cat "$tmp/$1.out"; fail=1
    fi
}
expect_problem "an unpinned base image" 's/^FROM debian:12-slim$/FROM debian/' "is not pinned"
expect_problem "a missing COPY source" 's#^COPY compiler/ compiler/#COPY compilr/ compiler/#' "does not exist"
expect_problem "an unknown make target" 's/make BUILD=build\/rel binaries/make BUILD=build\/rel binaris/' "has no target"
expect_problem "no USER" '/^USER /d' "runs as root"
expect_problem "no HEALTHCHECK" '/^HEALTHCHECK/,/^  CMD/d' "no HEALTHCHECK"
expect_problem "a shell-form CMD" 's/^CMD \[.*\]$/CMD dynbox-server --listen 0.0.0.0:8080/' "exec (JSON array) form"
expect_problem "apt lists left behind" 's# \&\& rm -rf /var/lib/apt/lists/\*##' "removing /var/lib/apt/lists"
expect_problem "an unknown stage" 's/--from=web/--from=wbe/' "names no earlier stage"
expect_problem "an unknown server flag" 's/"--examples"/"--exmaples"/' "is not in"
[ $fail -eq 0 ] && echo "docker-check: the Dockerfile passes; 9 broken copies refused"
exit $fail
