#!/usr/bin/env bash
# Searching names across scripts at a country's scale: a synthetic world (default 1,000,000
# people, one in twenty a volunteer), `adal serve`, and 200 volunteers' names looked for as
# another script or spelling writes them (Benchmarks/name-search.py): p50 and p95 of Adal's search
# over HTTP, next to a plain pg_trgm similarity query on the same column in the same run.
#
# Usage: Benchmarks/name-search.sh [people]        ADAL_BIN: the adal to run (default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh
people=${1:-1000000}

export ADAL_HOME="$PWD/.adal/bench-search" ADAL_BCRYPT_COST=4 ADAL_ACCESS_LOG=off
if [ -z "${ADAL_BIN:-}" ]; then
    swift build -c release --scratch-path .build-release --product adal >/dev/null
fi
adal="${ADAL_BIN:-$PWD/.build-release/release/adal}"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d)
server=""
trap stop_locally EXIT

fresh_cluster "$adal"
echo "machine: $(nproc) cores; generating $people people"
"$adal" dev generate --people "$people" --events 0 --participations 0 >/dev/null 2>"$work/generate.log" || { cat "$work/generate.log" >&2; exit 1; }
"$adal" users bootstrap >/dev/null 2>&1
token=$("$adal" users token admin@adal.local --label bench | tail -1)
serve_locally "$adal" "$work/serve.log"
python3 Benchmarks/name-search.py "http://127.0.0.1:$port" "$token" "$("$adal" db url)" "$bin/psql"
