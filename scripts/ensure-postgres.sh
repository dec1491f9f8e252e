#!/usr/bin/env bash
# Installs the PostgreSQL server from Debian's packages when this machine has none.
# Adal's embedded database and its tests need initdb, pg_ctl and pg_trgm (in Debian's server package).
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
if [ -n "${DATABASE_URL:-}" ] && [ -n "${TEST_DATABASE_URL:-}" ]; then
    exit 0  # both servers are given; nothing to run locally
fi

echo "PostgreSQL server not found; installing it from Debian's packages" >&2
bash "$(dirname "$0")/apt-install.sh" postgresql postgresql-contrib
