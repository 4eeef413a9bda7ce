#!/bin/sh
# Benchmark pipeline (busybox sh): ConfigMap named after the request. One sed, no yq, to stay fast.
name=$(sed -n '/^metadata:/,/^[^ ]/s/^  name: *["'\'']\{0,1\}\([^"'\'' ]*\).*/\1/p' /kratix/input/object.yaml)
[ -n "$name" ] || { echo "no metadata.name in object.yaml" >&2; exit 1; }
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  namespace: default\ndata:\n  createdBy: kratix-test-trivial\n' "$name" >/kratix/output/configmap.yaml
