#!/usr/bin/env bash
# Generates a country-scale synthetic world (default: 1,000,000 people, 200,000 events,
# 5,000,000 participations) in a fresh embedded database with the release `adal`, then times
# every report for all regions and for one region over this year: warm, the median of 5, each
# next to PostgreSQL's own time for the report's queries (EXPLAIN ANALYZE, planning + execution).
#
# Usage: Benchmarks/reports.sh [people] [events] [participations]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh
people=${1:-1000000}
events=${2:-200000}
participations=${3:-5000000}

export ADAL_HOME="$PWD/.adal/bench-reports"
swift build -c release --scratch-path .build-release --product adal >/dev/null
adal="$PWD/.build-release/release/adal"
trap '"$adal" db stop >/dev/null 2>&1 || true' EXIT

fresh_cluster "$adal"
echo "machine: $(nproc) cores; generating $people people, $events events, $participations participations"
"$adal" dev generate --people "$people" --events "$events" --participations "$participations"
from="$(date +%Y)-01-01"
for region in "" KZ-35; do
    echo "== ${region:-all regions}, $from to today"
    for report in applications action-plan volunteers councils; do
        "$adal" reports "$report" ${region:+--region "$region"} --from "$from" --timing 5
    done
done
