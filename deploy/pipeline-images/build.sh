#!/bin/bash
# Builds the local Kratix pipeline images into podman's default storage.
# Needs root + podman, buildah, mmdebstrap, gojq (Debian 12). Safe to rerun: every image
# carries a label with a hash of its inputs and is only rebuilt when that hash changes;
# the slow mmdebstrap rootfs tar is cached in $CACHE (set REFRESH=1 to rebuild it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CACHE=${CACHE:-/var/cache/kratix-pipeline-images}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
LABEL=io.kratix.pipeline-images.inputs
BASE=localhost/kratix-pipeline-images/base:$SUITE       # referenced by utility/Containerfile
UTIL=ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1
NS_IMG=ghcr.io/syntasso/kratix-marketplace/namespace-configure-pipeline:v0.1.0
REDIS_IMG=ghcr.io/syntasso/kratix-marketplace/redis-configure-pipeline:v0.1.0
TRIVIAL=localhost/kratix-test/trivial:v1
# paved-path-demo (compound Promise): the parent's pipeline and its two sub-Promises' pipelines
PAVED_IMG=docker.io/syntasso/paved-path-demo-configure-pipeline:latest
PG_IMG=ghcr.io/syntasso/promise-postgresql/postgresql-configure-pipeline:v0.1.0
KNATIVE_IMG=ghcr.io/syntasso/kratix-marketplace/knative-configure-pipeline:v0.1.0
mkdir -p "$CACHE"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
log() { echo "[build] $*"; }
hash() { sha256sum | cut -c1-16; }
# current() IMAGE KEY: true when IMAGE exists and was built from inputs KEY
current() { [[ $(podman image inspect --format "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null) == "$2" ]]; }

# kubectl: the host's static Go binary if there is one, else Debian's (old) kubernetes-client
kubectl=$(command -v kubectl || true); [[ -n $kubectl ]] && kubectl=$(readlink -f "$kubectl")
pkgs=bash,coreutils,gojq,sed,grep,findutils,tar,gzip,ca-certificates
[[ -n $kubectl ]] || pkgs+=,kubernetes-client

# 1a. Debian rootfs tar (mmdebstrap, ~1 min) cached by a hash of everything that shapes it
base_args=(--variant=essential --include="$pkgs" --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*'
  "$SUITE")
base_key=$(printf '%s\n' "${base_args[@]}" "$MIRROR" | hash)
tar=$CACHE/base-$base_key.tar
if ! current "$BASE" "$base_key"; then
  # a cached tar is only trusted if it matches the checksum written after a complete build
  if [[ ${REFRESH:-0} == 1 ]] || ! (cd "$CACHE" && sha256sum --status -c "$tar.sha256" 2>/dev/null); then
    log "mmdebstrap $SUITE -> $tar"
    rm -f "$CACHE"/base-*.tar "$CACHE"/base-*.tar.sha256        # drop stale keys
    mmdebstrap --quiet --format=tar "${base_args[@]}" "$tar.part" "$MIRROR"
    mv "$tar.part" "$tar" && (cd "$CACHE" && sha256sum "$(basename "$tar")" >"$tar.sha256")
  fi
  log "import $BASE"
  podman import --quiet --change "LABEL $LABEL=$base_key" --change 'CMD ["/bin/bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' "$tar" "$BASE" >/dev/null
fi

# 1b. utility image = base + yq wrapper + kubectl (COPY only, so no container runtime is needed)
ctx=$work/utility; mkdir -p "$ctx/bin"
cp "$here/utility/Containerfile" "$ctx/"; install -m 755 "$here/utility/yq" "$ctx/bin/yq"
[[ -n $kubectl ]] && install -m 755 "$kubectl" "$ctx/bin/kubectl"
util_key=$( (echo "$base_key"; cd "$ctx" && find . -type f | sort | xargs cat) | hash)
if ! current "$UTIL" "$util_key"; then
  log "build $UTIL"
  podman build --quiet --pull=never --layers=false --label "$LABEL=$util_key" -t "$UTIL" "$ctx" >/dev/null
fi

# 2./3. marketplace pipelines: FROM the utility image, COPY the script, CMD it
for pair in "namespace-configure-pipeline $NS_IMG" "redis-configure-pipeline $REDIS_IMG" \
    "paved-path-demo-configure-pipeline $PAVED_IMG" "component-configure-pipeline $PG_IMG" \
    "component-configure-pipeline $KNATIVE_IMG"; do
  read -r dir img <<<"$pair"
  key=$( (echo "$util_key"; cat "$here/$dir/Containerfile" "$here/$dir/pipeline.sh") | hash)
  if ! current "$img" "$key"; then
    log "build $img"
    podman build --quiet --pull=never --layers=false --label "$LABEL=$key" -t "$img" "$here/$dir" >/dev/null
  fi
done

# 4. trivial benchmark image: static busybox + one sh script (~1 MB, starts fastest)
bb_deb=$(ls "$CACHE"/busybox-static_*.deb 2>/dev/null | tail -1 || true)
if [[ -z $bb_deb ]] || ! dpkg-deb --info "$bb_deb" >/dev/null 2>&1; then
  log "apt-get download busybox-static"           # only fetch the .deb; nothing is installed on the host
  rm -f "$CACHE"/busybox-static_*.deb
  (cd "$CACHE" && apt-get download -q -o APT::Sandbox::User=root busybox-static >/dev/null)
  bb_deb=$(ls "$CACHE"/busybox-static_*.deb | tail -1)
fi
key=$( (basename "$bb_deb"; cat "$here/trivial/pipeline.sh") | hash)
if ! current "$TRIVIAL" "$key"; then
  log "import $TRIVIAL"
  root=$work/trivial; mkdir -p "$root/bin" "$root/tmp"
  dpkg-deb --fsys-tarfile "$bb_deb" | tar -x -O --wildcards '*bin/busybox' >"$root/bin/busybox"
  chmod 755 "$root/bin/busybox"
  for a in $("$root/bin/busybox" --list); do [[ -e $root/bin/$a ]] || ln -s busybox "$root/bin/$a"; done
  install -m 755 "$here/trivial/pipeline.sh" "$root/bin/pipeline.sh"
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$work/trivial.tar" .
  podman import --quiet --change "LABEL $LABEL=$key" --change 'ENV PATH=/bin' \
    --change 'CMD ["/bin/pipeline.sh"]' "$work/trivial.tar" "$TRIVIAL" >/dev/null
fi

# drop our own images that lost their tag to a rebuild (other dangling images are left alone)
podman images -q --filter dangling=true --filter "label=$LABEL" | xargs -r podman rmi >/dev/null 2>&1 || true
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'kratix|syntasso' | sort
