# Sourced by the scripts that run Adal on a throwaway embedded database on this machine
# (benchmarks, the API contract check, the rehearsal): `. scripts/local-cluster.sh`.

# An empty embedded cluster under $ADAL_HOME, migrated and seeded, for the adal at $1.
fresh_cluster() {
    "$1" db stop >/dev/null 2>&1 || true
    rm -rf "$ADAL_HOME"
    "$1" db start >/dev/null
    "$1" db migrate >/dev/null
    "$1" db seed >/dev/null
}

# A TCP port on 127.0.0.1 nothing listens on now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits up to 20 s for the URL to answer 2xx; fails naming it otherwise.
wait_http() {
    for _ in $(seq 200); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "nothing answers $1" >&2
    return 1
}

# Starts `adal serve` (the adal at $1) on a free port, its output to $2; sets $port and $server.
serve_locally() {
    port=$(free_port)
    ADAL_HTTP_PORT=$port "$1" serve >"$2" 2>&1 &
    server=$!
    wait_http "http://127.0.0.1:$port/health"
}

# For an EXIT trap: stops what serve_locally started and the embedded cluster of the adal at
# $adal, and removes $work.
stop_locally() {
    [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    "$adal" db stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
