#!/usr/bin/env bash
# Builds the api and worker container images as image tarballs, without a Docker daemon or any registry:
#   1. a Java 17 JRE base image: Debian bookworm + openjdk-17-jre-headless from mmdebstrap (~2 min, cached),
#      turned into a docker-archive tarball (podman import + podman save) at deploy/target/images/base/jre17.tar,
#      the format Jib accepts as a base image through the tar:// prefix;
#   2. Jib (jib-maven-plugin 3.5.2, goal buildTar, Maven profile "images") for api and worker:
#      deploy/target/images/api.tar and worker.tar (docker-archive: `podman load -i`, `docker load -i`,
#      `kind load image-archive`, `skopeo copy docker-archive:... docker://...`).
# Needs root, mmdebstrap and podman (deploy/setup-machine.sh installs both), Java 17 and Maven.
# Env: MIRROR (Debian mirror), REFRESH=1 rebuilds the base, SKIP_BASE=1 uses an existing base tar,
#      JIB_FROM=image overrides the base (for example a registry image: JIB_FROM=registry.example/jre:17).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/deploy/target/images
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
BASE_REF=localhost/kratix-temporal/jre17:$SUITE
mkdir -p "$out/base"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
log() { echo "[images] $*"; }

# 1. base image, cached by a hash of everything that shapes it
base_args=(--variant=essential --include=openjdk-17-jre-headless,ca-certificates,tzdata
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  # openjdk's postinst links its man page through update-alternatives and fails when man1 is missing
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' "$SUITE")
key=$(printf '%s\n' "${base_args[@]}" "$MIRROR" | sha256sum | cut -c1-16)
base=$out/base/jre17.tar
if [[ -z ${JIB_FROM:-} && ${SKIP_BASE:-0} != 1 ]]; then
  if [[ ${REFRESH:-0} == 1 || $(cat "$base.key" 2>/dev/null) != "$key" || ! -s $base ]]; then
    log "mmdebstrap $SUITE + openjdk-17-jre-headless (takes a minute or two)"
    rm -f "$base" "$base.key"
    mmdebstrap --quiet --format=tar "${base_args[@]}" "$work/rootfs.tar" "$MIRROR"
    log "docker-archive $base"
    p=(podman --root "$work/storage" --runroot "$work/run" --storage-driver vfs)
    "${p[@]}" import --quiet \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
      --change 'ENV LANG=C.UTF-8' \
      --change "LABEL dev.kratixtemporal.base-key=$key" \
      "$work/rootfs.tar" "$BASE_REF" >/dev/null
    rm -f "$work/rootfs.tar"
    "${p[@]}" save --quiet --format docker-archive -o "$base.part" "$BASE_REF"
    mv "$base.part" "$base" && echo "$key" >"$base.key"
  else
    log "base image cached: $base"
  fi
fi

# 2. the application images; the reactor builds workflows, activities, worker and api first
log "jib:buildTar api worker"
from=()
[[ -n ${JIB_FROM:-} ]] && from=(-Djib.from.image="$JIB_FROM" -Djib.allowInsecureRegistries=true)
(cd "$root" && mvn -B -q -Pimages -pl api,worker -am package -DskipTests "${from[@]}")
ls -l "$out"/api.tar "$out"/worker.tar
