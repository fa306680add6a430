#!/usr/bin/env bash
# Runs every test of the solution. Installs the Debian packages the tests use when they are
# missing (kcat: a second Kafka client; PostgreSQL: the shared store; chromium: the browser the
# reference page is tested in), then runs `dotnet test` and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

results="$(pwd)/TestResults"
rm -rf "$results"
dotnet test Factline.slnx --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
scripts/summarize-trx.sh "$results"
exit $status
