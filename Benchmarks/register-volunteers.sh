#!/usr/bin/env bash
# Registers 10,000 volunteers through Adal's use case with 8 concurrent tasks, then has pgbench
# run the same three INSERTs per registration (person, volunteer, audit entry, one transaction)
# with 8 clients on the same server, and prints both rates side by side.
#
# Usage: Benchmarks/register-volunteers.sh [count] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
concurrency=${2:-8}

export ADAL_HOME="$PWD/.adal/bench-cluster"
swift build -c release --scratch-path .build-release --product adal-benchmarks >/dev/null
swift build --product adal >/dev/null
adal=.build/debug/adal

"$adal" db start >/dev/null
url=$("$adal" db url)
socket_dir=$(sed -E 's/.*host=([^&]+).*/\1/' <<<"$url")
port=$(sed -E 's/.*port=([0-9]+).*/\1/' <<<"$url")
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
# A clean database each run: `adal db migrate` creates it again.
"$bin/psql" -X -q -h "$socket_dir" -p "$port" -U adal -d postgres -c "DROP DATABASE IF EXISTS adal WITH (FORCE)"
"$adal" db migrate >/dev/null
"$adal" db seed >/dev/null

echo "server: PostgreSQL on $socket_dir port $port; $(nproc) cores; $count registrations, $concurrency concurrent"
.build-release/release/adal-benchmarks "$count" "$concurrency"

psql=("$bin/psql" -X -q -h "$socket_dir" -p "$port" -U adal -d adal)
"${psql[@]}" -c "CREATE SEQUENCE IF NOT EXISTS bench_seq START 100000000000"
region=$("${psql[@]}" -At -c "SELECT id FROM regions WHERE code = 'KZ-35'")
script=$(mktemp)
cat >"$script" <<SQL
BEGIN;
WITH person AS (
    INSERT INTO people (region_id, full_name, last_name, first_name, search_key, national_id_kind, national_id,
                        phone, language, consent_at, consent_version)
    SELECT $region, 'Пгбенч Ерікті ' || n, 'Пгбенч', 'Ерікті ' || n, 'pgbench erikti ' || n, 'kz_iin', n::text,
           '+77015550000', 'kk', now(), 'bench'
    FROM (SELECT nextval('bench_seq') AS n) AS seq
    RETURNING id, region_id
), volunteer AS (
    INSERT INTO volunteers (person_id, region_id, kind, areas)
    SELECT id, region_id, 'individual', '{awareness}' FROM person
    RETURNING id, region_id
)
INSERT INTO audit_entries (actor, action, entity, entity_id, region_id, after)
SELECT 'pgbench', 'volunteer.register', 'volunteer', id::text, region_id, jsonb_build_object('id', id) FROM volunteer;
COMMIT;
SQL
transactions=$(( count / concurrency ))
tps=$("$bin/pgbench" -n -h "$socket_dir" -p "$port" -U adal -c "$concurrency" \
      -j 2 -t "$transactions" -f "$script" adal 2>&1 | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
rm -f "$script"
echo "pgbench:  the same three INSERTs per registration (one statement, no reads), $concurrency clients, $(( transactions * concurrency )) transactions = ${tps} registrations/s"
"$adal" db stop >/dev/null
