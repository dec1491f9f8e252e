"""A webhook receiver for the tests: checks each POST's HMAC-SHA256 signature with the shared
secret and keeps the body, the headers and whether the signature matched as one JSON line.

Usage: webhook-sink.py PORT FILE SECRET [--fail-first N]  (answers 503 to the first N requests)
Prints "ready" once it listens; stops on SIGTERM.
"""
import hashlib, hmac, http.server, json, signal, sys, threading

port, path, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
failures = int(sys.argv[sys.argv.index("--fail-first") + 1]) if "--fail-first" in sys.argv else 0
lock = threading.Lock()
seen = 0


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global seen
        body = self.rfile.read(int(self.headers["Content-Length"]))
        timestamp = self.headers.get("X-Adal-Timestamp", "")
        expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        valid = hmac.compare_digest(expected, self.headers.get("X-Adal-Signature", ""))
        with lock:
            seen += 1
            refuse = seen <= failures
            with open(path, "a") as out:
                out.write(json.dumps({"valid": valid, "refused": refuse, "idempotency_key": self.headers.get("Idempotency-Key"),
                                      "body": json.loads(body)}, ensure_ascii=False) + "\n")
        self.send_response(503 if refuse else (200 if valid else 401))
        self.end_headers()
        self.wfile.write(b"busy" if refuse else (b"accepted" if valid else b"bad signature"))

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
print("ready", flush=True)
signal.sigwait([signal.SIGTERM, signal.SIGINT])
server.shutdown()
