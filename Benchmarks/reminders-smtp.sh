#!/usr/bin/env bash
# Sends N reminders through `adal worker` (release build, fresh embedded PostgreSQL) to a local SMTP
# server, then has Python's smtplib send the very same messages to the same server over one
# connection, and prints both rates. Two servers, each a run of its own:
#   aiosmtpd (Python, Tests/AdalTests/Support/smtp-sink.py — the tests' server), and
#   Postfix's smtp-sink (C, Debian's postfix package), which offers PIPELINING and is fast enough
#   that the senders, not the server, are measured.
# The server's ceiling is printed too: the same messages from 4 smtplib processes at once.
#
# Usage: Benchmarks/reminders-smtp.sh [count] [workers]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh
count=${1:-5000}
workers=${2:-2}
bash scripts/ensure-python-tools.sh
command -v smtp-sink >/dev/null || PATH="$PATH:/usr/sbin"
command -v smtp-sink >/dev/null || bash scripts/apt-install.sh postfix

export ADAL_HOME="$PWD/.adal/bench-mail"
swift build -c release --scratch-path .build-release --product adal >/dev/null
adal="$PWD/.build-release/release/adal"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
# The servers keep each message as a file; on tmpfs, so the senders are timed rather than the disk.
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
chmod 777 "$work"
sink=""
stop_sink() {
    if [ -n "$sink" ]; then kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null || true; fi
    sink=""
}
cleanup() {
    stop_sink
    "$adal" db stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

seconds() { python3 -c "print(f'{$1 / ($3 - $2):.0f} messages/s ({$3 - $2:.2f} s)')"; }

# One run against the server started by $1 (aiosmtpd | smtp-sink) into folder $2.
run() {
    local server=$1 folder=$2 port
    mkdir -p "$folder" && chmod 777 "$folder"
    port=$(free_port)
    if [ "$server" = aiosmtpd ]; then
        python3 Tests/AdalTests/Support/smtp-sink.py "$port" "$folder" >/dev/null &
    else
        # -u nobody: the user it runs as (it will not stay root); -d: one file per message.
        smtp-sink -u nobody -d "$folder/" "127.0.0.1:$port" 256 &
    fi
    sink=$!
    sleep 1

    fresh_cluster "$adal"
    url=$("$adal" db url)
    # One online event two hours ahead with `count` invited participants: one reminder each is due now.
    "$bin/psql" -X -q -At "$url" -v ON_ERROR_STOP=1 -v count="$count" -v prefix=p -v title='Онлайн-кездесу: бенчмарк' \
        -f scripts/online-meeting.sql >/dev/null
    "$adal" reminders plan >/dev/null

    echo "== $server on 127.0.0.1:$port"
    # CPU seconds of PostgreSQL (the postmaster's tree: backends, WAL writer, ...) and of the server.
    local postmaster pg_before sink_before
    postmaster=$(awk '{print $4}' "/proc/$("$bin/psql" -X -At "$url" -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")/stat")
    pg_before=$(python3 Benchmarks/cpu-seconds.py "$postmaster")
    sink_before=$(python3 Benchmarks/cpu-seconds.py "$sink")
    # The workers run in a subshell whose `times` then gives their CPU (user, system).
    local timing start end workers_cpu
    timing=$(
        start=$(date +%s.%N)
        for _ in $(seq "$workers"); do
            ADAL_SMTP_URL="smtp://127.0.0.1:$port" "$adal" worker --until-idle --batch 100 >/dev/null &
        done
        wait
        echo "$(date +%s.%N) $start"
        times
    )
    read -r end start <<<"$(echo "$timing" | head -1)"
    workers_cpu=$(echo "$timing" | tail -1 | python3 -c "import re, sys; print(sum(float(m) * 60 + float(s) for m, s in re.findall(r'(\d+)m([\d.]+)s', sys.stdin.read())))")
    local sent
    sent=$(ls "$folder" | wc -l)
    adal_rate=$(python3 -c "print($sent / ($end - $start))")
    echo "adal worker ($workers workers, planning, composing, MIME, SMTP, delivery log): $sent messages, $(seconds "$sent" "$start" "$end")"
    python3 - "$sent" "$workers_cpu" "$pg_before" "$(python3 Benchmarks/cpu-seconds.py "$postmaster")" \
        "$sink_before" "$(python3 Benchmarks/cpu-seconds.py "$sink")" <<'PY'
import os, sys
sent, workers, pg0, pg1, sink0, sink1 = int(sys.argv[1]), *map(float, sys.argv[2:])
parts = {"adal": workers, "PostgreSQL": pg1 - pg0, "the SMTP server": sink1 - sink0}
total = sum(parts.values())
print("  CPU per message: " + ", ".join(f"{name} {seconds / sent * 1e6:.0f} µs" for name, seconds in parts.items())
      + f"; all {total / sent * 1e6:.0f} µs, so {os.cpu_count()} cores allow at most {os.cpu_count() * sent / total:.0f} messages/s")
PY
    # PostgreSQL's floor for the record each accepted message needs before the next goes out: the
    # same prepared insert by pgbench, as many clients as workers, on the same server.
    local record pg_start
    record=$(mktemp)
    cat >"$record" <<'SQL'
INSERT INTO accepted_messages (job_id, worker, region_id, channel, recipient, message_id, response)
SELECT 0, 'pgbench', NULL, 'email', 'p0@example.kz', '0@adal', '250 2.0.0 Ok' FROM (SELECT set_config('synchronous_commit', 'off', true)) relaxed
RETURNING job_id;
SQL
    pg_start=$(python3 Benchmarks/cpu-seconds.py "$postmaster")
    "$bin/pgbench" -n -M prepared -c "$workers" -j "$workers" -t $((sent / workers)) -f "$record" "$url" >/dev/null
    python3 -c "print(f'  baseline, pgbench ($workers clients) on the same server: the insert that records each accepted message alone takes PostgreSQL {($(python3 Benchmarks/cpu-seconds.py "$postmaster") - $pg_start) / $sent * 1e6:.0f} µs a message')"
    "$bin/psql" -X -q "$url" -c "DELETE FROM accepted_messages WHERE worker = 'pgbench'"
    rm -f "$record"
    "$adal" db stop >/dev/null

    # smtp-sink's files begin with the envelope it saw (X-…: lines) and its Received: header.
    python3 - "$folder" "$port" "$adal_rate" "$sink" <<'PY'
import glob, multiprocessing, resource, smtplib, subprocess, sys, time
def server_cpu():
    return float(subprocess.run([sys.executable, "Benchmarks/cpu-seconds.py", sys.argv[4]], capture_output=True, text=True).stdout)
def message(path):
    data = open(path, "rb").read()
    if data.startswith(b"X-Client-Addr:"):
        data = data[data.index(b"\nFrom: ") + 1:]
    return data
messages = [message(path) for path in sorted(glob.glob(sys.argv[1] + "/*"))]
port, adal_rate = int(sys.argv[2]), float(sys.argv[3])
server_before = server_cpu()
own_before, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
with smtplib.SMTP("127.0.0.1", port) as server:
    server.ehlo("bench")
    for n, data in enumerate(messages):
        server.sendmail("adal@localhost", ["p%d@example.kz" % n], data)
elapsed = time.perf_counter() - start
own_after, server_after = resource.getrusage(resource.RUSAGE_SELF), server_cpu()
own = own_after.ru_utime + own_after.ru_stime - own_before.ru_utime - own_before.ru_stime
rate = len(messages) / elapsed
print(f"python smtplib (the same {len(messages)} messages, one connection): {rate:.0f} messages/s ({elapsed:.2f} s)")
print(f"  CPU per message: smtplib {own / len(messages) * 1e6:.0f} µs, the SMTP server {(server_after - server_before) / len(messages) * 1e6:.0f} µs")
print(f"  adal / smtplib = {adal_rate / rate:.2f} (goal: 2)")

# What any client could reach: the same messages over 4 connections from 4 smtplib processes.
def send(part):
    with smtplib.SMTP("127.0.0.1", port) as server:
        server.ehlo("bench")
        for n, data in part:
            server.sendmail("adal@localhost", ["p%d@example.kz" % n], data)
parts = [list(enumerate(messages))[k::4] for k in range(4)]
start = time.perf_counter()
with multiprocessing.Pool(4) as pool:
    pool.map(send, parts)
elapsed = time.perf_counter() - start
print(f"the server's ceiling (4 smtplib connections at once): {len(messages) / elapsed:.0f} messages/s ({elapsed:.2f} s)"
      f" = {len(messages) / elapsed / rate:.2f} x one smtplib connection")
PY
    stop_sink
}

echo "machine: $(nproc) cores; $count reminders; $workers workers"
run aiosmtpd "$work/aiosmtpd"
run smtp-sink "$work/smtp-sink"
