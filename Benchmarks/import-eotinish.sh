#!/usr/bin/env bash
# Imports N generated eOtinish records (CSV, Python's csv writer) with `adal applications import`
# on a fresh embedded database, then `psql \copy`s the same file into a bare table on the same
# server, and prints both rates, with the server's own time to insert the same rows, and what each part of
# the schema costs of it (Benchmarks/import-floor.sql).
#
# Usage: Benchmarks/import-eotinish.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}

export ADAL_HOME="$PWD/.adal/bench-cluster"
swift build -c release --scratch-path .build-release --product adal >/dev/null
adal=.build-release/release/adal
file=$(mktemp --suffix=.csv)
trap 'rm -f "$file"' EXIT
python3 Benchmarks/generate-eotinish.py "$count" "$file"

"$adal" db start >/dev/null
url=$("$adal" db url)
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
postgres_url=${url/\/adal\?//postgres?}
"$bin/psql" -X -q "$postgres_url" -c "DROP DATABASE IF EXISTS adal WITH (FORCE)"
"$adal" db migrate >/dev/null
"$adal" db seed >/dev/null

echo "server: embedded PostgreSQL ($url); $(nproc) cores; $count records, $(du -h "$file" | cut -f1)"
import_start=$(date +%s.%N)
"$adal" applications import eotinish "$file" --format json >/dev/null
import_end=$(date +%s.%N)
echo "adal import: $(python3 -c "print(f'{$count / ($import_end - $import_start):.0f} records/s ({$import_end - $import_start:.2f} s)')")"

floor=$("$bin/psql" -X -q "$url" -f Benchmarks/import-floor.sql)

"$bin/psql" -X -q "$url" -c "DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (reg_number text, registered_at text, appeal_type text, applicant_iin text, applicant_last_name text, applicant_first_name text, applicant_middle_name text, applicant_phone text, applicant_email text, applicant_address text, organisation text, region text, recipient text, subject text, text text, attachments text)"
start=$(date +%s.%N)
"$bin/psql" -X -q "$url" -c "\\copy bench_copy FROM '$file' WITH (FORMAT csv, HEADER true)"
end=$(date +%s.%N)
copy_rate=$(python3 -c "print($count / ($end - $start))")
echo "psql \\copy:  $(python3 -c "print(f'{$copy_rate:.0f} records/s ({$end - $start:.2f} s)')")"
echo "adal / \\copy = $(python3 -c "print(f'{$count / ($import_end - $import_start) / $copy_rate:.3f}')")"
echo "The server's own floor (Benchmarks/import-floor.sql: the same rows inserted again from a table on the server, no client):"
while IFS= read -r line; do
    rate=$(sed -E 's/^floor [0-9]+: ([0-9]+) records.*/\1/' <<<"$line")
    echo "  $line  [$(python3 -c "print(f'{$rate / $copy_rate:.2f}')") of \\copy]"
done <<<"$floor"
"$bin/psql" -X -q "$url" -c "DROP TABLE bench_copy"
"$adal" db stop >/dev/null
