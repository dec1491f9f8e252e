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
    local start end pids=()
    start=$(date +%s.%N)
    for _ in $(seq "$workers"); do
        ADAL_SMTP_URL="smtp://127.0.0.1:$port" "$adal" worker --until-idle --batch 100 >/dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    end=$(date +%s.%N)
    local sent
    sent=$(ls "$folder" | wc -l)
    adal_rate=$(python3 -c "print($sent / ($end - $start))")
    echo "adal worker ($workers workers, planning, composing, MIME, SMTP, delivery log): $sent messages, $(seconds "$sent" "$start" "$end")"
    "$adal" db stop >/dev/null

    # smtp-sink's files begin with the envelope it saw (X-…: lines) and its Received: header.
    python3 - "$folder" "$port" "$adal_rate" <<'PY'
import glob, multiprocessing, smtplib, sys, time
def message(path):
    data = open(path, "rb").read()
    if data.startswith(b"X-Client-Addr:"):
        data = data[data.index(b"\nFrom: ") + 1:]
    return data
messages = [message(path) for path in sorted(glob.glob(sys.argv[1] + "/*"))]
port, adal_rate = int(sys.argv[2]), float(sys.argv[3])
start = time.perf_counter()
with smtplib.SMTP("127.0.0.1", port) as server:
    server.ehlo("bench")
    for n, data in enumerate(messages):
        server.sendmail("adal@localhost", ["p%d@example.kz" % n], data)
elapsed = time.perf_counter() - start
rate = len(messages) / elapsed
print(f"python smtplib (the same {len(messages)} messages, one connection): {rate:.0f} messages/s ({elapsed:.2f} s)")
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
