#!/usr/bin/env bash
# Runs every benchmark scenario and writes bench/RESULTS.md (about 10 minutes for the default 1M facts
# on a 2-core machine). Arguments go to the bench's `all` command, e.g. --facts 10000000, --runs 5,
# --stores sqlite; `bench/run.sh --help` lists them. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# wrk (Debian) is the HTTP load generator; without it the HTTP scenario is skipped and says so.
if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk for the HTTP scenario..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get install -y -qq wrk >/dev/null 2>&1 || { $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null; }; } \
    || echo "Could not install wrk; the HTTP scenario will be skipped."
fi

export BENCH_COMMAND="bench/run.sh${*:+ $*}"
exec dotnet run -c Release --project bench/Factline.Bench -- all "$@"
