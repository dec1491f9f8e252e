#!/usr/bin/env bash
# Installs Debian packages, as root or through sudo: what the ensure-*.sh scripts share.
set -euo pipefail
as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: $*" >&2; exit 1; }
    as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q >&2
"${as_root[@]}" apt-get install -y -q "$@" >&2
