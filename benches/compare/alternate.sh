#!/usr/bin/env bash
# Two orgsphere builds on one input, run one after the other in turns, so that a shared
# host's drift in speed falls on both (BENCHMARKS.md: the host's speed can move by a third
# within an hour). Each run: wall time, peak memory (KiB), user and system time, and the
# load average after it.
#
#   benches/compare/alternate.sh INPUT_DIR BUILD_A BUILD_B [ROUNDS]   (default 4 rounds)
#
# INPUT_DIR is what `orgsphere generate` writes, e.g.
#   target/release/orgsphere generate --people 1000000 --seed 1 --out /tmp/g1m
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,11p' "$0" >&2
  exit 64
fi
input=$1 a=$2 b=$3 rounds=${4:-4}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$rounds"); do
  for build in "$a" "$b"; do
    rm -rf "$out/results"
    /usr/bin/time -f "$build %e s %M KiB %U user %S sys" \
      "$build" analyze "$input" --out "$out/results" -q 2>&1 >/dev/null | tail -1
    echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
