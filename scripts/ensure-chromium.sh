#!/usr/bin/env bash
# Installs Debian's chromium when missing: the report tests render the HTML reports in it headless.
set -euo pipefail
command -v chromium >/dev/null && exit 0
echo "chromium not found; installing it from Debian's packages" >&2
bash "$(dirname "$0")/apt-install.sh" chromium
