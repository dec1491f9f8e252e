#!/usr/bin/env bash
# The staff's daily digest at a country's scale. A synthetic world (default 1,000,000 people: one
# in twenty an application, some still open long past their answer date), then staff as offices
# have them: a head (a coordinator) for every office, a registrar per office reviewing that
# office's open applications, and an admin per country. Then:
#   - the planner's pass, as the worker makes it every minute: the first (which queues the
#     morning's digests) and the next (which finds them queued), each timed, next to PostgreSQL's
#     own time for asking every staff member's work once (the floor: what any planner must read);
#   - the morning: the digests sent by `adal worker` to aiosmtpd (Tests/AdalTests/Support/
#     smtp-sink.py), read back with Python's email, and checked — each staff member with work
#     waiting got exactly one message, nobody else got one, and each head's count of overdue
#     applications is the database's.
# The digests are planned for 09:00 in each member's zone; the script moves their time to now
# rather than wait for it.
#
# Usage: Benchmarks/daily-digest.sh [people]        ADAL_BIN: the adal to run (default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/local-cluster.sh
people=${1:-1000000}
bash scripts/ensure-python-tools.sh

export ADAL_HOME="$PWD/.adal/bench-digest" ADAL_BCRYPT_COST=4
# ADAL_BIN: another adal to run (a debug build, to try the script); by default the release build.
if [ -z "${ADAL_BIN:-}" ]; then
    swift build -c release --scratch-path .build-release --product adal >/dev/null
fi
adal="${ADAL_BIN:-$PWD/.build-release/release/adal}"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d)
chmod 777 "$work"
sink=""
cleanup() {
    if [ -n "$sink" ]; then kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null || true; fi
    "$adal" db stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
milliseconds() { python3 -c "import time; print(int(time.time() * 1000))"; }

fresh_cluster "$adal"
url=$("$adal" db url)
sql() { "$bin/psql" -X -q -At -v ON_ERROR_STOP=1 "$url" -c "$1"; }
echo "machine: $(nproc) cores; generating $people people"
"$adal" dev generate --people "$people" --events 0 --participations 0 >/dev/null 2>"$work/generate.log" || { cat "$work/generate.log" >&2; exit 1; }

offices=$(sql "SELECT code FROM offices ORDER BY code")
for office in $offices; do
    lower=$(echo "$office" | tr 'A-Z' 'a-z')
    "$adal" users add --email "head-$lower@bench.adal" --name "Head $office" --role coordinator --office "$office" >/dev/null 2>&1
    "$adal" users notify "head-$lower@bench.adal" --head-of "$office" >/dev/null
    "$adal" users add --email "reviewer-$lower@bench.adal" --name "Reviewer $office" --role registrar --office "$office" >/dev/null 2>&1
done
for country in KZ UZ AZ; do
    "$adal" users add --email "admin-${country,,}@bench.adal" --name "Admin $country" --role admin --region "$country" >/dev/null 2>&1
done
# Each office's open applications go to its reviewer (set here, as `applications assign` would one by one).
sql "UPDATE applications a SET reviewer = 'reviewer-' || lower(f.code) || '@bench.adal' FROM offices f
     WHERE f.id = a.office_id AND a.status IN ('received', 'screening', 'needs_info')"
staff=$(sql "SELECT count(*) FROM staff_users WHERE disabled_at IS NULL")
open=$(sql "SELECT count(*) FROM applications WHERE status IN ('received', 'screening', 'needs_info')")
echo "$staff staff accounts; $open open applications of $(sql "SELECT count(*) FROM applications") in all"

floor_start=$(milliseconds)
with_work=$(sql "SELECT count(*) FROM staff_users u WHERE u.disabled_at IS NULL AND EXISTS (
                 SELECT 1 FROM adal_staff_daily_work(u.id, (now() AT TIME ZONE adal_staff_time_zone(u.id))::date, adal_staff_time_zone(u.id)))")
floor_end=$(milliseconds)
first_start=$(milliseconds)
"$adal" reminders plan >/dev/null
first_end=$(milliseconds)
next_start=$(milliseconds)
"$adal" reminders plan >/dev/null
next_end=$(milliseconds)
planned=$(sql "SELECT count(*) FROM jobs WHERE kind = 'daily_digest'")
echo "planning: first pass $((first_end - first_start)) ms (queued $planned digests), the next $((next_end - next_start)) ms;" \
     "floor (each member's work asked once, in psql) $((floor_end - floor_start)) ms; $with_work members have work"

port=$(free_port)
python3 Tests/AdalTests/Support/smtp-sink.py "$port" "$work/mail" >/dev/null &
sink=$!
sleep 1
sql "UPDATE jobs SET run_at = now() WHERE kind = 'daily_digest' AND state = 'queued'" >/dev/null
send_start=$(milliseconds)
ADAL_SMTP_URL="smtp://127.0.0.1:$port" "$adal" worker --until-idle --batch 100 >/dev/null
send_end=$(milliseconds)
sql "SELECT 'head-' || lower(f.code) || '@bench.adal', count(*) FROM applications a JOIN offices f ON f.id = a.office_id
     JOIN regions r ON r.id = f.region_id
     WHERE a.status IN ('received', 'screening', 'needs_info') AND a.due_on < (now() AT TIME ZONE r.time_zone)::date
     GROUP BY f.code" > "$work/expected-heads"
sql "SELECT u.email FROM staff_users u WHERE u.disabled_at IS NULL AND EXISTS (
         SELECT 1 FROM adal_staff_daily_work(u.id, (now() AT TIME ZONE adal_staff_time_zone(u.id))::date, adal_staff_time_zone(u.id)))" \
    > "$work/expected"
python3 Tests/AdalTests/Support/read-mail.py "$work/mail" > "$work/messages.json"
python3 - "$work" "$((send_end - send_start))" <<'PY'
import collections, json, re, sys
work, elapsed = sys.argv[1], int(sys.argv[2])
messages = [json.loads(line) for line in open(f"{work}/messages.json")]
digests = [m for m in messages if re.match(r"(Күнделікті шолу|Ежедневная сводка|Kunlik sharh|Gündəlik icmal|Daily digest), ", m["subject"])]
per = collections.Counter(re.search(r"<([^>]+)>", m["to"]).group(1) for m in digests)
expected = set(open(f"{work}/expected").read().split())
twice = {k: v for k, v in per.items() if v > 1}
missing = expected - set(per)
extra = set(per) - expected
wrong = []
for line in open(f"{work}/expected-heads"):
    email, count = line.strip().split("|")
    text = next((m["text"] for m in digests if f"<{email}>" in m["to"]), "")
    if f"({count}):" not in text:
        wrong.append(email)
print(f"the morning: {len(digests)} digests to {len(per)} staff members in {elapsed} ms; {len(expected)} expected;"
      f" more than one: {len(twice)}; missing: {len(missing)}; to someone without work: {len(extra)};"
      f" heads whose overdue count differs from the database's: {len(wrong)}")
sys.exit(1 if twice or missing or extra or wrong else 0)
PY
