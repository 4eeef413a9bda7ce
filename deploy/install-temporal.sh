#!/usr/bin/env bash
# Puts the Temporal CLI (whose `temporal server start-dev` is the dev default's Temporal server) on PATH as
# /usr/local/bin/temporal. Skipped when a release 1.5 or later is already on PATH, or when our build is cached.
# v1.5.1 is the newest tag `go install` can build (later tags use a replace directive); the first build takes minutes.
set -euo pipefail
cache=${TEMPORAL_CACHE:-/var/cache/kratix-temporal/bin}
version=v1.5.1
if command -v temporal >/dev/null; then
  # "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)"; a `go install` build says 0.0.0-DEV
  v=$(temporal --version | sed -n 's/^temporal version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
  if [[ -n $v ]] && read -r major minor <<<"$v" && ((major > 1 || (major == 1 && minor >= 5))); then
    echo "[setup] temporal $major.$minor on PATH: $(command -v temporal)"; exit 0
  fi
fi
if [[ ! -x $cache/temporal ]]; then
  command -v go >/dev/null || export PATH=$PATH:/usr/local/go/bin
  command -v go >/dev/null || { echo "[setup] Go is needed to build the temporal CLI (or put a release on PATH; README)" >&2; exit 1; }
  echo "[setup] building temporal $version into $cache (go install; several minutes the first time)"
  mkdir -p "$cache"
  CGO_ENABLED=0 GOBIN=$cache go install "github.com/temporalio/cli/cmd/temporal@$version"
fi
if [[ "$(readlink -f /usr/local/bin/temporal 2>/dev/null)" != "$cache/temporal" ]]; then
  ln -sf "$cache/temporal" /usr/local/bin/temporal
fi
echo "[setup] temporal: $(command -v temporal) -> $cache/temporal"
