#!/usr/bin/env bash
# Installs what the product and its tests need on a fresh Debian 12 machine (run as root), then builds the
# local pipeline images. Safe to rerun: apt skips what is installed, the images are rebuilt only when changed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# lighttpd, apache2-utils (htpasswd) and openssh-server serve Git over HTTP with basic auth and over SSH in the tests;
# chromium and chromium-driver drive the Temporal Web UI in a browser test. bubblewrap runs pipelines in the default
# sandbox runtime (podman keeps their images).
packages=(bubblewrap podman runc buildah fuse-overlayfs uidmap mmdebstrap gojq git ca-certificates lighttpd apache2-utils openssh-server
  chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "[setup] installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v java >/dev/null && command -v mvn >/dev/null || { echo "[setup] Java 17 and Maven are needed" >&2; exit 1; }
bash "$here/install-temporal.sh"
bash "$here/pipeline-images/build.sh"
