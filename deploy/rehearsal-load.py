"""The rehearsal's write load: registers volunteers through the load balancer for SECONDS with
THREADS threads, each request with an Idempotency-Key, retried with the same key when the answer
is lost (a connection cut, a 502 while a process is down, a 409 while the first try is still
being answered by a process of an earlier version). Writes the id of every acknowledged volunteer (201) to OUT, one per line, and
prints the counts as JSON.

Usage: rehearsal-load.py BASE_URL TOKEN SECONDS THREADS OUT
"""
import http.client, json, os, sys, threading, time, urllib.parse, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from national_ids import iin  # noqa: E402

base, token, seconds, threads, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
parts = urllib.parse.urlsplit(base)
lock = threading.Lock()
# IdempotentRequests.abandonedAfter: an earlier version's claim held this long by a process that
# died is taken over; a client gives up only after that.
TAKEOVER = 60
acknowledged, counts = [], {"attempts": 0, "retries": 0, "gave_up": 0, "refused": 0}


def post(body, key):
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("POST", "/v1/volunteers", body=json.dumps(body).encode(), headers={
            "Authorization": "Bearer " + token, "Content-Type": "application/json", "Idempotency-Key": key})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def run(number):
    n, deadline = number * 1000003, time.monotonic() + seconds
    while time.monotonic() < deadline:
        national_id, n = iin(n)
        body = {"last_name": "Репетиция", "first_name": "Ерікті", "national_id": national_id, "region": "KZ-35",
                "kind": "individual", "areas": ["awareness"], "language": "kk", "consent_version": "rehearsal"}
        key = str(uuid.uuid4())
        with lock:
            counts["attempts"] += 1
        first, attempt = time.monotonic(), 0
        while True:
            try:
                status, text = post(body, key)
            except OSError:
                status, text = None, b""
            if status == 201:
                with lock:
                    acknowledged.append(json.loads(text)["id"])
                break
            if status is not None and status not in (409, 502, 503, 504):
                with lock:
                    counts["refused"] += 1
                print(f"refused {status}: {text[:200]!r}", file=sys.stderr)
                break
            if time.monotonic() - first > TAKEOVER + 30:
                with lock:
                    counts["gave_up"] += 1
                break
            with lock:
                counts["retries"] += 1
            time.sleep(min(0.05 * 2 ** attempt, 1.0))
            attempt += 1


workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
with open(out, "w") as file:
    file.write("\n".join(acknowledged) + ("\n" if acknowledged else ""))
counts["acknowledged"] = len(acknowledged)
print(json.dumps(counts))
