#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when missing: the report tests render the HTML
# reports in it headless, and the web console's browser walk drives it through selenium.
set -euo pipefail
command -v chromium >/dev/null && command -v chromedriver >/dev/null && exit 0
echo "chromium or chromedriver not found; installing them from Debian's packages" >&2
bash "$(dirname "$0")/apt-install.sh" chromium chromium-driver
