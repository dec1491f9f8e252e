#!/usr/bin/env bash
# Sign-in as a stranger would time it, on a quiet machine (after the tests): a live `adal serve`
# with bcrypt at cost 10, the first admin's account against a name with no account. After 11
# failures from one address each, both must answer alike and the unknown name's median time must be
# within 10 % of the known account's (201 requests each, taken in turns, a new connection each).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh

adal=${ADAL_BIN:-$PWD/.build/debug/adal}
export ADAL_HOME="$PWD/.adal/sign-in-cluster"
export ADAL_BCRYPT_COST=10 ADAL_ACCESS_LOG=off
work=$(mktemp -d)
server=""
trap stop_locally EXIT

fresh_cluster "$adal"
password=$("$adal" users bootstrap | sed -n 's/.*(shown once): //p')
serve_locally "$adal" "$work/server.log"

python3 - "$port" "$password" <<'PY'
import http.client, json, statistics, sys, time
port, password = int(sys.argv[1]), sys.argv[2]
known, unknown = "admin@adal.local", "nobody@adal.local"

def sign_in(email, secret):
    body = json.dumps({"email": email, "password": secret})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    started = time.perf_counter()
    connection.request("POST", "/v1/sessions", body, {"Content-Type": "application/json"})
    status = connection.getresponse().status
    elapsed = time.perf_counter() - started
    connection.close()
    return status, elapsed

def turns(n):
    return [known, unknown] if n % 2 == 0 else [unknown, known]

statuses, failing = {known: [], unknown: []}, {known: [], unknown: []}
for n in range(11):
    for name in turns(n):
        status, elapsed = sign_in(name, "not the password 1")
        statuses[name].append(status)
        failing[name].append(elapsed)
locked = {known: [], unknown: []}
for n in range(201):
    for name in turns(n):
        status, elapsed = sign_in(name, password if name == known else "anything at all")
        statuses[name].append(status)
        locked[name].append(elapsed)
expected = [401] * 9 + [429] * (2 + 201)
problems = []
for name in (known, unknown):
    if statuses[name] != expected:
        problems.append(f"{name} answered {statuses[name][:13]}…, expected 9 × 401 then 429")
failing_ratio = statistics.median(failing[unknown][:9]) / statistics.median(failing[known][:9])
locked_ratio = statistics.median(locked[unknown]) / statistics.median(locked[known])
print(f"sign-in: after 11 failures each, both answer 429; unknown/known median time {locked_ratio:.3f} "
      f"(201 each; {statistics.median(locked[known]) * 1000:.2f} ms known); while failing {failing_ratio:.3f} "
      f"(9 each, one bcrypt at cost 10: {statistics.median(failing[known]) * 1000:.1f} ms known)")
if abs(locked_ratio - 1) > 0.10:
    problems.append(f"after the lock, the unknown name's median time is {locked_ratio:.3f} of the known one's (more than 10 % apart)")
if abs(failing_ratio - 1) > 0.25:
    problems.append(f"while failing, the unknown name's median time is {failing_ratio:.3f} of the known one's")
if problems:
    sys.exit("\n".join(problems))
PY
