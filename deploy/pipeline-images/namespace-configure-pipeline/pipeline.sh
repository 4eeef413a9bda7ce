#!/bin/bash
# Resource workflow: turn a request's .spec.namespaceName into a v1 Namespace,
# and pin it to a destination when .spec.clusterName is given.
set -euo pipefail
in=/kratix/input/object.yaml out=/kratix/output meta=/kratix/metadata

ns=$(yq '.spec.namespaceName // ""' "$in")
# Kubernetes namespace names are RFC 1123 labels; fail early instead of writing an invalid manifest
[[ $ns =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] || { echo "invalid or missing spec.namespaceName: '$ns'" >&2; exit 1; }
NS=$ns yq -n '.apiVersion = "v1" | .kind = "Namespace" | .metadata.name = strenv(NS)' >"$out/namespace.yaml"

cluster=$(yq '.spec.clusterName // ""' "$in")
if [[ -n $cluster ]]; then
  mkdir -p "$meta"
  CLUSTER=$cluster yq -n '[{"matchLabels": {"clusterName": strenv(CLUSTER)}}]' >"$meta/destination-selectors.yaml"
fi
echo "namespace-configure: wrote namespace $ns${cluster:+ for cluster $cluster}"
