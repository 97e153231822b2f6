#!/bin/bash
# Runs one libFuzzer harness of Fuzz/ for a given time (see Fuzz/README.md).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags…]
#   scripts/fuzz.sh --list
#
# TARGET: regimen, event-table, yaml, toml or json. Builds the harness (release, with
# -sanitize=fuzzer,address; libyaml and toml++ instrumented too), then fuzzes at nice 19 from the
# seeds in Fuzz/Corpus/TARGET plus what earlier runs found (Fuzz/.work/TARGET/corpus), with the
# dictionary Fuzz/Dictionaries/TARGET.dict. A crash, leak, timeout or out-of-memory input is written
# to Fuzz/.work/TARGET/ and the script exits non-zero; replay one with
#   Fuzz/.build/release/FuzzX Fuzz/.work/TARGET/crash-…
# The last line printed is a summary: executions, coverage (cov/ft), time and crashes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
targets="regimen event-table yaml toml json"

product() {
    case "$1" in
        regimen) echo FuzzRegimen ;;
        event-table) echo FuzzEventTable ;;
        yaml) echo FuzzScenarioYAML ;;
        toml) echo FuzzScenarioTOML ;;
        json) echo FuzzScenarioJSON ;;
        *) return 1 ;;
    esac
}

if [ "${1:-}" = "--list" ]; then echo "$targets"; exit 0; fi
if [ $# -lt 2 ] || ! product "$1" > /dev/null || ! [[ "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags…]   (TARGET: ${targets// /, })" >&2
    exit 64
fi
target=$1 seconds=$2
shift 2
name=$(product "$target")

# Swift code through swiftc's sanitizer flag; the C and C++ parsers (libyaml in Yams, toml++ in
# TOMLKit) with coverage and ASan too, so that libFuzzer also steers by their branches.
cd "$root/Fuzz"
# SwiftPM keeps the file list of the BenzoSim path dependency in this package's build plan: a source
# file added to BenzoSim since the last fuzz build was left out ("no member …" errors, 2026-12-01).
# Dropping the plan makes it re-read the sources; what is already compiled is kept.
rm -f .build/release.yaml .build/build.db
nice -n 19 swift build -c release --product "$name" \
    -Xswiftc -sanitize=fuzzer,address \
    -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address -Xswiftc -use-ld=lld >&2
binary="$root/Fuzz/.build/release/$name"

work="$root/Fuzz/.work/$target"
mkdir -p "$work/corpus"
log="$work/run-$(date -u +%Y%m%dT%H%M%SZ).log"
stamp="$work/.started"
touch "$stamp"
echo "fuzzing $name for $seconds s; log: $log" >&2

# -timeout: one input taking 10 s is a hang (60 s for regimens: a short text may lay out the
# 10,000,000 doses Regimen.maximumDoseCount allows, which takes ~10 s under ASan on a loaded
# machine); -rss_limit_mb: one using 2 GB is a finding. Leak
# detection is off (it makes the TOML harness 30 times slower, as TOMLKit leaks on every input);
# pass -detect_leaks=1 to hunt leaks, with the suppressions in Fuzz/lsan.supp.
# stdin is /dev/null: a scenario may name /dev/stdin as its event table.
timeout=10
if [ "$target" = regimen ]; then timeout=60; fi
status=0
began=$(date +%s)
# SWIFT_BACKTRACE: Swift's crash handler would read memory ASan has poisoned; libFuzzer reports instead.
SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/Fuzz/lsan.supp} nice -n 19 "$binary" \
    -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
    -dict="$root/Fuzz/Dictionaries/$target.dict" -artifact_prefix="$work/" \
    "$@" "$work/corpus" "$root/Fuzz/Corpus/$target" < /dev/null > "$log" 2>&1 || status=$?
elapsed=$(($(date +%s) - began))

tail -n 30 "$log" | grep -E "DONE|Done|stat::|ERROR|SUMMARY|crash-|leak-|timeout-|oom-" >&2 || true
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
final=$(grep -E "^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)" "$log" | tail -1)
runs=${runs:-$(sed -n 's/^#\([0-9]*\).*/\1/p' <<< "$final")}
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$final")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$final")
crashes=$(find "$work" -maxdepth 1 -newer "$stamp" \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
corpus=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<< "$final")
echo "$target: ${runs:-?} executions in $elapsed s, cov: ${cov:-?} ft: ${ft:-?}, corpus: ${corpus:-?}, crashes: $crashes (exit $status)"
exit "$status"
