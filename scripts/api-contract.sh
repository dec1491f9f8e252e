#!/usr/bin/env bash
# The API against its OpenAPI document: openapi-spec-validator on the document the server serves,
# then schemathesis (at least 2,000 generated requests) against a live `adal serve` on a fresh
# embedded database. Fails on any 5xx, any response the document does not describe, or too few
# requests. Installs both tools from PyPI when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh

bash scripts/ensure-python-tools.sh

adal=${ADAL_BIN:-$PWD/.build/debug/adal}
export ADAL_HOME="$PWD/.adal/contract-cluster"
export ADAL_BCRYPT_COST=4 ADAL_ACCESS_LOG=off ADAL_PUBLIC_RATE=100000 ADAL_CERTIFICATE_CHECKS=100000
work=$(mktemp -d)
server=""
trap stop_locally EXIT

fresh_cluster "$adal"
"$adal" users bootstrap >/dev/null
token=$("$adal" users token admin@adal.local --label schemathesis | tail -1)

serve_locally "$adal" "$work/server.log"

curl -fs "http://127.0.0.1:$port/openapi.json" -o "$work/openapi.json"
python3 -m openapi_spec_validator "$work/openapi.json"

# The logout operation is left out: it would revoke the token the run uses.
status=0
(cd "$work" && timeout 900 schemathesis run "http://127.0.0.1:$port/openapi.json" \
    -H "Authorization: Bearer $token" --exclude-operation-id logout \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --max-examples 50 --seed 1 --no-color) >"$work/schemathesis.log" 2>&1 || status=$?
generated=$(grep -oE '[0-9]+ generated' "$work/schemathesis.log" | tail -1 | cut -d' ' -f1)
if [ "$status" -ne 0 ]; then
    cat "$work/schemathesis.log" >&2
    echo "== the server's log" >&2
    tail -50 "$work/server.log" >&2
    echo "schemathesis found problems (exit $status)" >&2
    exit 1
fi
if [ "${generated:-0}" -lt 2000 ]; then
    echo "schemathesis generated only ${generated:-0} requests; at least 2000 are required" >&2
    exit 1
fi
# The stateful phase chains calls through the links schemathesis infers (a POST's id into its GET and
# PATCH): it must have run some scenarios.
scenarios=$(awk '/Stateful \(in/ {found = 1} found && /Scenarios:/ {print $2; exit}' "$work/schemathesis.log")
if [ "${scenarios:-0}" -lt 1 ]; then
    echo "schemathesis ran no stateful scenario" >&2
    exit 1
fi
cp "$work/schemathesis.log" "$PWD/.adal/schemathesis.log" 2>/dev/null || true
echo "API contract: document valid; schemathesis: $generated requests ($scenarios stateful scenarios), no 5xx, every response as documented"
