#!/usr/bin/env bash
# Installs Debian's chromium when missing: the report tests render the HTML reports in it headless.
set -euo pipefail
command -v chromium >/dev/null && exit 0
echo "chromium not found; installing it from Debian's packages" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install chromium" >&2; exit 1; }
    as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q chromium >&2
