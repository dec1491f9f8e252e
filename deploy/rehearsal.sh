#!/usr/bin/env bash
# Scale-out rehearsal on one machine: a PostgreSQL server, nginx (Debian's) in front of two
# `adal serve` processes, two `adal worker` processes and a local SMTP server (aiosmtpd). Volunteers
# are registered through nginx while reminders are due; one API process and one worker are killed
# (SIGKILL) half way and started again. At the end every acknowledged write must be in the
# database, every due reminder delivered to the SMTP server, and `adal audit verify` must pass.
# Prints the figures; exits 1 when a check fails.
#
# Usage: deploy/rehearsal.sh [--short]     (make test runs --short)
#   ADAL_BIN: the adal to run (default: the debug build; give dist/adal for a release's figures)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh
root=$PWD
seconds=40 reminders=2000 threads=8
if [ "${1:-}" = "--short" ]; then seconds=12 reminders=300 threads=4; fi

command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || bash scripts/apt-install.sh nginx
nginx=$(command -v nginx || echo /usr/sbin/nginx)
bash scripts/ensure-python-tools.sh
adal=${ADAL_BIN:-$root/.build/debug/adal}
[ -x "$adal" ] || { echo "no adal at $adal: swift build first" >&2; exit 1; }

export ADAL_HOME="$root/.adal/rehearsal"
# A killed worker's jobs are taken again when their lease runs out: short, for the rehearsal.
export ADAL_WORKER_LEASE=5 ADAL_ACCESS_LOG=off ADAL_MAIL_FROM=rehearsal@adal.example
# nginx, on this machine, is the proxy whose X-Forwarded-For names each client.
export ADAL_TRUSTED_PROXIES=127.0.0.1
work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "$adal" db stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

fresh_cluster "$adal"
"$adal" users bootstrap >/dev/null
token=$("$adal" users token admin@adal.local --label rehearsal | tail -1)
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
psql=("$bin/psql" -X -q -At "$("$adal" db url)")

smtp_port=$(free_port) api_ports=("$(free_port)" "$(free_port)") lb_port=$(free_port)
python3 Tests/AdalTests/Support/smtp-sink.py "$smtp_port" "$work/mail" >/dev/null &
pids+=($!)
export ADAL_SMTP_URL="smtp://127.0.0.1:$smtp_port"

declare -A api_pid worker_pid
start_api() {
    ADAL_HTTP_PORT=${api_ports[$1]} "$adal" serve >>"$work/api$1.log" 2>&1 &
    api_pid[$1]=$!
    pids+=($!)
}
start_worker() {
    "$adal" worker >>"$work/worker$1.log" 2>&1 &
    worker_pid[$1]=$!
    pids+=($!)
}
start_api 0
start_api 1
for n in 0 1; do wait_http "http://127.0.0.1:${api_ports[$n]}/ready"; done

mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    upstream adal {
        server 127.0.0.1:${api_ports[0]} max_fails=1 fail_timeout=2s;
        server 127.0.0.1:${api_ports[1]} max_fails=1 fail_timeout=2s;
        keepalive 16;
    }
    server {
        listen 127.0.0.1:$lb_port;
        location / {
            proxy_pass http://adal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_connect_timeout 1s;
            # Writes carry an Idempotency-Key, so trying one again on the other process is safe.
            proxy_next_upstream error timeout http_502 non_idempotent;
            proxy_next_upstream_tries 2;
        }
    }
}
NGINX
"$nginx" -p "$work/nginx" -c "$work/nginx.conf" -g 'daemon off;' 2>>"$work/nginx-error.log" &
pids+=($!)
wait_http "http://127.0.0.1:$lb_port/health"

# An online meeting 110 minutes ahead with $reminders invited people: each one's 2-hour reminder is due now.
"${psql[@]}" -v ON_ERROR_STOP=1 -v count="$reminders" -v prefix=rehearsal -v title='Онлайн-кеңес: репетиция' -f scripts/online-meeting.sql >/dev/null
"$adal" reminders plan >/dev/null
start_worker 0
start_worker 1

echo "rehearsal: nginx on :$lb_port → adal serve ×2 (:${api_ports[0]}, :${api_ports[1]}); adal worker ×2; SMTP on :$smtp_port;" \
     "$threads writers for ${seconds} s; $reminders reminders due"
python3 deploy/rehearsal-load.py "http://127.0.0.1:$lb_port" "$token" "$seconds" "$threads" "$work/acknowledged" >"$work/load.json" &
load=$!
sleep "$(( seconds / 3 ))"
kill -9 "${api_pid[0]}"; wait "${api_pid[0]}" 2>/dev/null || true; echo "  killed adal serve #1 (SIGKILL)"
sleep 2
start_api 0; echo "  started adal serve #1 again"
sleep "$(( seconds / 6 ))"
kill -9 "${worker_pid[0]}"; wait "${worker_pid[0]}" 2>/dev/null || true; echo "  killed adal worker #1 (SIGKILL)"
sleep 2
start_worker 0; echo "  started adal worker #1 again"
wait "$load"

# Every due reminder sent: nothing left queued or running that was due.
for _ in $(seq 600); do
    left=$("${psql[@]}" -c "SELECT count(*) FROM jobs WHERE state IN ('queued', 'running') AND run_at <= now()")
    [ "$left" = 0 ] && break
    sleep 0.2
done

acknowledged=$(wc -l <"$work/acknowledged")
found=0
if [ "$acknowledged" -gt 0 ]; then
    found=$("${psql[@]}" <<SQL
CREATE TEMPORARY TABLE acknowledged (id uuid PRIMARY KEY);
\copy acknowledged FROM '$work/acknowledged'
SELECT count(*) FROM acknowledged JOIN volunteers USING (id);
SQL
)
fi
duplicated_writes=$("${psql[@]}" -c "SELECT count(*) - count(DISTINCT national_id) FROM people WHERE last_name = 'Репетиция'")
read -r delivered distinct duplicates < <(python3 - "$work/mail" <<'PY'
import collections, email, glob, sys
recipients = collections.Counter()
for path in glob.glob(sys.argv[1] + "/*.eml"):
    with open(path, "rb") as file:
        message = email.message_from_binary_file(file)
    recipients[email.utils.parseaddr(message["To"])[1]] += 1
rehearsal = {address: count for address, count in recipients.items() if address.startswith("rehearsal")}
print(sum(rehearsal.values()), len(rehearsal), sum(count - 1 for count in rehearsal.values()))
PY
)
"$adal" audit seal >/dev/null
verdict=$("$adal" audit verify --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)["verdict"])')

python3 - "$work/load.json" <<PY
import json
load = json.load(open("$work/load.json"))
print(f"  writes: {load['attempts']} sent, {load['acknowledged']} acknowledged, $found of them found in the database,"
      f" $duplicated_writes duplicated; {load['retries']} retries with the same key, {load['gave_up']} given up, {load['refused']} refused")
print(f"  reminders: $reminders due, $distinct delivered, $delivered messages ($duplicates duplicates)")
print(f"  audit log: $verdict")
PY

status=0
[ "$found" = "$acknowledged" ] || { echo "FAIL: $(( acknowledged - found )) acknowledged writes are not in the database"; status=1; }
[ "$acknowledged" -gt 0 ] || { echo "FAIL: no write was acknowledged"; status=1; }
gave_up=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["gave_up"])' "$work/load.json")
[ "$gave_up" = 0 ] || { echo "FAIL: $gave_up writes were never acknowledged"; status=1; }
[ "$duplicated_writes" = 0 ] || { echo "FAIL: $duplicated_writes writes stored twice"; status=1; }
[ "$distinct" = "$reminders" ] || { echo "FAIL: $(( reminders - distinct )) due reminders were not delivered"; status=1; }
# At least once: a worker killed between the server's acceptance and its own record of it sends
# that message again when the lease ends; more than that would be a fault.
[ "$duplicates" -le 1 ] || { echo "FAIL: $duplicates reminders delivered twice (one worker was killed)"; status=1; }
[ "$verdict" = intact ] || { echo "FAIL: audit verify says $verdict"; status=1; }
[ "$status" = 0 ] && echo "rehearsal passed"
exit "$status"
