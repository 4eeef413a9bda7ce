#!/bin/sh
# Benchmark pipeline (busybox sh): ConfigMap named after the request. One sed, no yq, to stay fast.
name=$(sed -n '/^metadata:/,/^[^ ]/s/^  name: *["'\'']\{0,1\}\([^"'\'' ]*\).*/\1/p' /kratix/input/object.yaml)
[ -n "$name" ] || { echo "no metadata.name in object.yaml" >&2; exit 1; }
# REVISION (set by the benchmark's Promise update) changes the file, so that an update commits anew.
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  namespace: default\ndata:\n  createdBy: kratix-test-trivial\n  revision: "%s"\n' "$name" "${REVISION:-1}" >/kratix/output/configmap.yaml
