#!/usr/bin/env bash
# Runs every benchmark scenario and writes bench/RESULTS.md (about 10 minutes for the default 1M facts
# on an otherwise idle 2-core machine). Arguments go to the bench's `all` command, e.g. --facts 10000000,
# --runs 5, --stores sqlite; `bench/run.sh --help` lists them. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# wrk (Debian) is the HTTP load generator; without it the HTTP scenario is skipped and says so.
if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk for the HTTP scenario..."
  { as_root apt-get install -y -qq wrk >/dev/null 2>&1 || { as_root apt-get update -qq && as_root apt-get install -y -qq wrk >/dev/null; }; } \
    || echo "Could not install wrk; the HTTP scenario will be skipped."
fi

# A throwaway PostgreSQL server for the PostgreSQL store, unless FACTLINE_BENCH_POSTGRES names one.
# Default settings (fsync on), one database per measured store, all gone when the bench ends.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "${FACTLINE_BENCH_POSTGRES:-}" ] && [ -n "$pg_bin" ]; then
  pg_dir="$(mktemp -d /tmp/factline-bench-pg.XXXXXX)"
  # The first free port from 55432 on, so that runs of several engineers on one machine do not collide
  # (each server also has its own data and socket directory).
  pg_port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
  as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" -ne 0 ] || chown postgres "$pg_dir"
  as_server "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
  as_server "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
  trap 'as_server "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null; rm -rf "$pg_dir"' EXIT
  export FACTLINE_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
fi

export BENCH_COMMAND="bench/run.sh${*:+ $*}"
dotnet run -c Release --project bench/Factline.Bench -- all "$@"
