#!/usr/bin/env bash
# The HTTP API under load, next to PostgreSQL's own rates on the same server in the same run:
#   GET one volunteer (wrk, 8 and 32 connections)   vs  pgbench --select-only (8 and 32 clients)
#                                                    and pgbench running the GET's own statements
#   POST a volunteer  (wrk, 8 and 32 connections)   vs  pgbench running the same three INSERTs
# and the server's peak resident memory. Release build, fresh embedded PostgreSQL, access log on
# (to /dev/null), as in production.
#
# Usage: Benchmarks/api-wrk.sh [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh
seconds=${1:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

export ADAL_HOME="$PWD/.adal/bench-api"
swift build -c release --scratch-path .build-release --product adal >/dev/null
adal="$PWD/.build-release/release/adal"
work=$(mktemp -d)
server=""
sampler=""
cleanup() {
    [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    "$adal" db stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

fresh_cluster "$adal"
"$adal" users bootstrap >/dev/null
token=$("$adal" users token admin@adal.local --label benchmark | tail -1)
url=$("$adal" db url)
socket_dir=$(sed -E 's/.*host=([^&]+).*/\1/' <<<"$url")
pg_port=$(sed -E 's/.*port=([0-9]+).*/\1/' <<<"$url")
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
psql=("$bin/psql" -X -q -h "$socket_dir" -p "$pg_port" -U adal)

port=$(free_port)
ADAL_HTTP_PORT=$port "$adal" serve >/dev/null 2>"$work/server.err" &
server=$!
wait_http "http://127.0.0.1:$port/health"
base="http://127.0.0.1:$port"
( peak=0; while kill -0 "$server" 2>/dev/null; do
      rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
      [ "${rss:-0}" -gt "$peak" ] && peak=$rss && echo "$peak" >"$work/peak"
      sleep 0.2
  done ) &
sampler=$!

volunteer=$(curl -fs "$base/v1/volunteers?region=KZ-35&limit=1" -H "Authorization: Bearer $token" |
            python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')

# POST bodies with distinct valid IINs: a birth date, century digit 3, a serial and the check digit.
cat >"$work/post.lua" <<'LUA'
local counter = 0
local thread_number = 0
local threads = {}
function setup(thread)
    thread:set("number", #threads)
    table.insert(threads, thread)
end
local offset = 0
-- The run's number (wrk's argument after --) keeps each run's IINs apart from the last one's.
function init(args)
    thread_number = number
    offset = (tonumber(args[1]) or 0) * 10000000
end
local function check_digit(digits)
    local sum = 0
    for i = 1, 11 do sum = sum + digits[i] * i end
    local check = sum % 11
    if check == 10 then
        local weights = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2}
        sum = 0
        for i = 1, 11 do sum = sum + digits[i] * weights[i] end
        check = sum % 11
    end
    return check
end
local function next_iin()
    while true do
        counter = counter + 1
        local n = (offset + counter) * 16 + thread_number
        local day = n % 28 + 1
        local month = math.floor(n / 28) % 12 + 1
        local serial = math.floor(n / 336) % 10000
        local year = 40 + math.floor(n / 3360000) % 60
        local text = string.format("%02d%02d%02d3%04d", year, month, day, serial)
        local digits = {}
        for i = 1, 11 do digits[i] = tonumber(text:sub(i, i)) end
        local check = check_digit(digits)
        if check < 10 then return text .. check end
    end
end
function request()
    local body = '{"last_name": "Бенчмарк", "first_name": "Ерікті", "national_id": "' .. next_iin() ..
        '", "region": "KZ-35", "kind": "individual", "areas": ["awareness"], "language": "kk", "consent_version": "bench"}'
    -- wrk.format sends only the headers it is given: carry -H's Authorization over.
    local headers = {["Content-Type"] = "application/json"}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    return wrk.format("POST", "/v1/volunteers", headers, body)
end
LUA

rate() { sed -nE 's/^Requests\/sec:[[:space:]]+([0-9.]+).*/\1/p'; }
non2xx() { sed -nE 's/^[[:space:]]*Non-2xx or 3xx responses:[[:space:]]+([0-9]+).*/\1/p'; }
latency() { sed -nE 's/^[[:space:]]+Latency[[:space:]]+([0-9.]+[a-z]+).*/\1/p'; }

"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS pgbench" -c "CREATE DATABASE pgbench"
"$bin/pgbench" -q -i -s 10 -h "$socket_dir" -p "$pg_port" -U adal pgbench >/dev/null 2>&1
"${psql[@]}" -d adal -c "CREATE SEQUENCE IF NOT EXISTS bench_seq START 100000000000"
region=$("${psql[@]}" -d adal -At -c "SELECT id FROM regions WHERE code = 'KZ-35'")
cat >"$work/insert.sql" <<SQL
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

# What one GET of a volunteer asks of PostgreSQL, as adal_api (row security on): the scope, the
# read, and its audit entry (a read of a national ID is recorded), committed.
cat >"$work/get.sql" <<SQL
BEGIN;
SELECT set_config('adal.regions', '{}', true), set_config('adal.all_regions', 'on', true);
SELECT v.id, p.id, p.full_name, p.national_id_kind, p.national_id, p.birth_date::text, p.phone, p.email,
       p.language, r.code, o.code, v.kind, v.areas, g.name, v.status, v.joined_on::text, v.hours::text,
       v.created_at, v.region_id
FROM volunteers v
JOIN people p ON p.id = v.person_id
JOIN regions r ON r.id = v.region_id
LEFT JOIN offices o ON o.id = v.office_id
LEFT JOIN organisations g ON g.id = v.organisation_id WHERE v.id = '$volunteer';
INSERT INTO audit_entries (actor, action, entity, entity_id, region_id, before, after)
SELECT 'pgbench', 'volunteer.read', 'volunteer', '$volunteer', region_id, NULL, '{"fields":["national_id","phone","email"]}'::jsonb
FROM volunteers WHERE id = '$volunteer';
COMMIT;
SQL

echo "server: release adal serve, embedded PostgreSQL 15 on one machine; $(nproc) cores; ${seconds} s per run"
printf '%-44s %12s %10s %8s\n' "run" "per second" "latency" "non-2xx"
for connections in 8 32; do
    threads=$(( connections < 2 ? 1 : 2 ))
    out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" -H "Authorization: Bearer $token" "$base/v1/volunteers/$volunteer")
    get=$(rate <<<"$out")
    printf '%-44s %12s %10s %8s\n' "GET /v1/volunteers/{id}, $connections connections" "$get" "$(latency <<<"$out")" "$(non2xx <<<"$out")"
    pg=$("$bin/pgbench" -n -S -h "$socket_dir" -p "$pg_port" -U adal -c "$connections" -j 2 -T "$seconds" pgbench 2>&1 |
         sed -nE 's/^tps = ([0-9.]+).*/\1/p')
    printf '%-44s %12s\n' "pgbench --select-only, $connections clients" "$pg"
    echo "  GET / pgbench select-only = $(python3 -c "print(f'{$get / $pg:.2f}')")"
    own=$("$bin/pgbench" -n -h "$socket_dir" -p "$pg_port" -U adal_api -c "$connections" -j 2 -T "$seconds" -f "$work/get.sql" adal 2>&1 |
          sed -nE 's/^tps = ([0-9.]+).*/\1/p')
    printf '%-44s %12s\n' "pgbench, the GET's own statements, $connections clients" "$own"
    echo "  GET / pgbench of its own statements = $(python3 -c "print(f'{$get / $own:.2f}')"); those statements / select-only = $(python3 -c "print(f'{$own / $pg:.3f}')")"

    out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" -H "Authorization: Bearer $token" -s "$work/post.lua" "$base" -- "$connections")
    post=$(rate <<<"$out")
    printf '%-44s %12s %10s %8s\n' "POST /v1/volunteers, $connections connections" "$post" "$(latency <<<"$out")" "$(non2xx <<<"$out")"
    pg=$("$bin/pgbench" -n -h "$socket_dir" -p "$pg_port" -U adal -c "$connections" -j 2 -T "$seconds" -f "$work/insert.sql" adal 2>&1 |
         sed -nE 's/^tps = ([0-9.]+).*/\1/p')
    printf '%-44s %12s\n' "pgbench, the same three INSERTs, $connections clients" "$pg"
    echo "  POST / pgbench INSERTs = $(python3 -c "print(f'{$post / $pg:.2f}')")"
done
sleep 0.5
echo "server peak RSS: $(( $(cat "$work/peak") / 1024 )) MB"
