#!/usr/bin/env bash
# Sends N reminders through `adal worker` (release build, fresh embedded PostgreSQL) to a local
# aiosmtpd server, then has Python's smtplib send the very same messages to the same server over
# one connection, and prints both rates.
#
# Usage: Benchmarks/reminders-smtp.sh [count] [workers]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh
count=${1:-5000}
workers=${2:-2}
bash scripts/ensure-python-tools.sh

export ADAL_HOME="$PWD/.adal/bench-mail"
swift build -c release --scratch-path .build-release --product adal >/dev/null
adal="$PWD/.build-release/release/adal"
# The server keeps each message as a file; on tmpfs, so both senders are timed rather than the disk.
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
sink=""
cleanup() {
    if [ -n "$sink" ]; then kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null || true; fi
    "$adal" db stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

fresh_cluster "$adal"
url=$("$adal" db url)
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
psql=("$bin/psql" -X -q -At "$url")

port=$(free_port)
python3 Tests/AdalTests/Support/smtp-sink.py "$port" "$work/adal" >/dev/null &
sink=$!
sleep 1

# One online event two hours ahead with `count` invited participants: one reminder each is due now.
"${psql[@]}" -v ON_ERROR_STOP=1 -v count="$count" -v prefix=p -v title='Онлайн-кездесу: бенчмарк' -f scripts/online-meeting.sql >/dev/null
"$adal" reminders plan >/dev/null

echo "machine: $(nproc) cores; $count reminders; aiosmtpd on 127.0.0.1:$port"
start=$(date +%s.%N)
pids=()
for _ in $(seq "$workers"); do
    ADAL_SMTP_URL="smtp://127.0.0.1:$port" "$adal" worker --until-idle --batch 100 >/dev/null &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
end=$(date +%s.%N)
sent=$(ls "$work/adal" | wc -l)
echo "adal worker ($workers workers, planning, composing, MIME, SMTP, delivery log): $sent messages, $(python3 -c "print(f'{$sent / ($end - $start):.0f} messages/s ({$end - $start:.2f} s)')")"

python3 - "$work/adal" "$port" <<'PY'
import glob, smtplib, sys, time
messages = [open(path, "rb").read() for path in sorted(glob.glob(sys.argv[1] + "/*.eml"))]
start = time.perf_counter()
with smtplib.SMTP("127.0.0.1", int(sys.argv[2])) as server:
    server.ehlo("bench")
    for n, message in enumerate(messages):
        server.sendmail("adal@localhost", ["p%d@example.kz" % n], message)
elapsed = time.perf_counter() - start
print(f"python smtplib (the same {len(messages)} messages, one connection): {len(messages) / elapsed:.0f} messages/s ({elapsed:.2f} s)")
PY

# What any client could reach: the same messages over 4 connections from 4 smtplib processes at
# once. The server (Python) is then the limit; the goal of 2x one smtplib connection is out of
# reach of every client when this ceiling is below it.
python3 - "$work/adal" "$port" "$sent" <<'PY'
import glob, multiprocessing, smtplib, sys, time
# The folder now holds adal's messages and smtplib's copies; adal's came first.
paths = sorted(glob.glob(sys.argv[1] + "/*.eml"))[:int(sys.argv[3])]
def send(part):
    with smtplib.SMTP("127.0.0.1", int(sys.argv[2])) as server:
        server.ehlo("bench")
        for n, path in part:
            server.sendmail("adal@localhost", ["p%d@example.kz" % n], open(path, "rb").read())
parts = [list(enumerate(paths))[k::4] for k in range(4)]
start = time.perf_counter()
with multiprocessing.Pool(4) as pool:
    pool.map(send, parts)
elapsed = time.perf_counter() - start
print(f"the server's ceiling (4 smtplib connections at once, the same {len(paths)} messages): {len(paths) / elapsed:.0f} messages/s ({elapsed:.2f} s)")
PY

