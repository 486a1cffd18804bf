# dynbox — the playground as one image: dynbox-server (UI + API) starting its
# own dynboxd, or pointed at remote daemons with --daemon tcp:HOST:PORT.
#
#   docker build -t dynbox .
#   docker run -p 8080:8080 -v dynbox-data:/data \
#       --security-opt seccomp=unconfined --security-opt apparmor=unconfined dynbox
#
# The sandbox (docs/operations.md, "Sandbox protections") creates user, pid,
# net, mount, ipc and uts namespaces for each job. Docker's default seccomp
# and AppArmor profiles forbid unshare/clone with new namespaces, so without
# the two --security-opt flags above the workers fall back to rlimits +
# seccomp only and dynboxd says so in its start-up log line. No capability
# is needed: the namespaces are unprivileged user namespaces.
# `make docker-check` lints this file and checks every path and make target
# it uses (the development machine has no Docker engine).

# ---- 1. the browser UI: CodeMirror bundled by esbuild into web/dist ----------
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

# ---- 2. the C programs: compiler, runtime, daemon, worker, server -----------
FROM debian:12 AS build
WORKDIR /src
COPY scripts/install-deps scripts/install-deps
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends make gcc libc6-dev ca-certificates \
 && DYNBOX_DEPS=build scripts/install-deps \
 && rm -rf /var/lib/apt/lists/*
COPY Makefile ./
COPY compiler/ compiler/
COPY runtime/ runtime/
COPY server/ server/
COPY migrations/ migrations/
COPY scripts/ scripts/
RUN make BUILD=build/rel binaries \
 && mkdir -p /out/bin \
 && cp build/rel/dynbox-server build/rel/dynboxd build/rel/dynboxd-worker build/rel/dynboxc /out/bin/

# ---- 3. the runtime image ----------------------------------------------------
FROM debian:12-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      libmicrohttpd12 libjansson4 libsqlite3-0 libseccomp2 libpq5 curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /home/dynbox --uid 10001 dynbox \
 && mkdir -p /data /app \
 && chown dynbox:dynbox /data
COPY --from=build /out/bin/ /app/bin/
COPY --from=web /src/web/dist/ /app/web/dist/
COPY examples/ /app/examples/
USER dynbox
WORKDIR /app
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD ["curl", "-fsS", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/app/bin/dynbox-server"]
CMD ["--listen", "0.0.0.0:8080", "--db", "/data/dynbox.sqlite", "--static", "/app/web/dist", "--examples", "/app/examples"]
