#!/usr/bin/env bash
# The web console under load, next to the API's JSON for the same data in the same run, on the
# synthetic world of `adal dev generate` (release build, fresh embedded PostgreSQL, access log on to
# /dev/null as in production), as a signed-in KZ-35 registrar:
#   GET /volunteers?q=NAME   (the page)   vs  GET /v1/volunteers?q=NAME   (the API)
#   GET /applications/ID     (the page)   vs  GET /v1/applications/ID     (the API)
#   GET /  (Today, p99 at 8 connections)
# Goals: each page at least 0.8 of the API's requests per second; Today's p99 at most 50 ms.
#
# Usage: Benchmarks/web.sh [people] [events] [participations] [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh
people=${1:-1000000}
events=${2:-200000}
participations=${3:-5000000}
seconds=${4:-10}
command -v wrk >/dev/null || bash scripts/apt-install.sh wrk

export ADAL_HOME="$PWD/.adal/bench-web" ADAL_BCRYPT_COST=4
swift build -c release --scratch-path .build-release --product adal >/dev/null
adal="$PWD/.build-release/release/adal"
work=$(mktemp -d)
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    "$adal" db stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

fresh_cluster "$adal"
echo "machine: $(nproc) cores; world: $people people, $events events, $participations participations"
# --force: the database was made a moment ago for this run (migrated and seeded only).
"$adal" dev generate --people "$people" --events "$events" --participations "$participations" --force >/dev/null
password=$("$adal" users add --email bench.registrar@adal.test --name "Бенчмарк Тіркеуші" --role registrar --region KZ-35 \
           2>&1 >/dev/null | sed -n 's/.*password (shown once): //p')

port=$(free_port)
ADAL_HTTP_PORT=$port ADAL_ACCESS_LOG=on "$adal" serve >/dev/null 2>"$work/server.err" &
server=$!
wait_http "http://127.0.0.1:$port/health"
base="http://127.0.0.1:$port"

# Sign in twice as the same registrar: the console's cookie, and the API's bearer token.
read -r cookie token volunteer_name application < <(python3 - "$base" "$password" <<'PY'
import http.client, json, re, sys, urllib.parse
base, password = sys.argv[1], sys.argv[2]
host, port = base.removeprefix("http://").split(":")
def call(method, path, body=None, headers=None):
    c = http.client.HTTPConnection(host, int(port), timeout=60)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    return r, r.read().decode()
r, page = call("GET", "/sign-in")
nonce = re.search(r"adal_signin=([0-9a-f]+)", r.getheader("Set-Cookie")).group(1)
csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
form = urllib.parse.urlencode({"csrf": csrf, "next": "/", "email": "bench.registrar@adal.test", "password": password})
r, _ = call("POST", "/sign-in", form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"adal_signin={nonce}"})
session = re.search(r"adal_session=([^;]+)", r.getheader("Set-Cookie")).group(1)
r, body = call("POST", "/v1/sessions", json.dumps({"email": "bench.registrar@adal.test", "password": password}),
               {"Content-Type": "application/json"})
token = json.loads(body)["token"]
bearer = {"Authorization": "Bearer " + token}
_, body = call("GET", "/v1/volunteers?region=KZ-35&limit=1", headers=bearer)
name = json.loads(body)["items"][0]["full_name"].split()[0]
_, body = call("GET", "/v1/applications?limit=1", headers=bearer)
print(session, token, urllib.parse.quote(name), json.loads(body)["items"][0]["id"])
PY
)

run() {  # label, path, header: prints its line, answers its requests per second (p99 in $work/p99)
    wrk -t2 -c8 -d"${seconds}s" --latency -H "$3" "$base$2" >"$work/wrk.txt"
    rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
    non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt")
    echo "$p99" >"$work/p99"
    printf '%-28s %10s req/s   p99 %8s %s\n' "$1" "$rate" "$p99" "${non2xx:+  ($non2xx answers not 2xx)}" >&2
    echo "$rate"
}
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

# Warm-up, unmeasured: the world was just written (autovacuum, the first reads of its pages), and the
# first run measured should not pay for that alone.
for path in "/volunteers?q=$volunteer_name" "/applications/$application" "/"; do
    wrk -t2 -c8 -d5s -H "Cookie: adal_session=$cookie" "$base$path" >/dev/null
done
for path in "/v1/volunteers?q=$volunteer_name" "/v1/applications/$application"; do
    wrk -t2 -c8 -d5s -H "Authorization: Bearer $token" "$base$path" >/dev/null
done

echo "wrk: 2 threads, 8 connections, ${seconds} s each; search: $(python3 -c "import urllib.parse, sys; print(urllib.parse.unquote(sys.argv[1]))" "$volunteer_name")"
page_search=$(run "page /volunteers?q=NAME" "/volunteers?q=$volunteer_name" "Cookie: adal_session=$cookie")
api_search=$(run "API  /v1/volunteers?q=NAME" "/v1/volunteers?q=$volunteer_name" "Authorization: Bearer $token")
page_application=$(run "page /applications/ID" "/applications/$application" "Cookie: adal_session=$cookie")
api_application=$(run "API  /v1/applications/ID" "/v1/applications/$application" "Authorization: Bearer $token")
run "page / (Today)" "/" "Cookie: adal_session=$cookie" >/dev/null
echo "Today p99 $(cat "$work/p99") (goal: at most 50 ms)"
echo "search: page/API $(ratio "$page_search" "$api_search"); application: page/API $(ratio "$page_application" "$api_application") (goal: at least 0.80 each)"
echo "server peak resident memory: $(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")"
