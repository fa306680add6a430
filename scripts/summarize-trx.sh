#!/usr/bin/env bash
# Prints "N passed, N failed" from the TRX files under a folder. A run that produced no TRX
# (the build failed, or the test host crashed) counts as one failure, never as a pass.
set -uo pipefail
passed=0
failed=0
found=0
for trx in "$1"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done
[ "$found" -eq 1 ] || failed=$((failed + 1))
echo "$passed passed, $failed failed"
