#!/usr/bin/env bash
# Renders every kustomization under deploy/ (kubectl kustomize: deploy/crds, deploy/kustomize/base and each
# overlay) and validates every manifest offline, with no cluster and no download:
#   - built-in kinds against the Kubernetes 1.32 API models (io.kubernetes:client-java-api 24, generated from the
#     API server's OpenAPI): unknown or misspelled fields at any depth, missing required fields, wrong JSON shapes;
#   - the CRDs: the same, plus structural-schema rules (types, required, enum/default values, list-map keys,
#     printer-column paths, names, one storage version);
#   - the Kratix objects of shared/kratix-samples and deploy/demo against our CRD schemas, unknown fields rejected;
#   - deploy/compose/temporal.yaml parses as YAML.
# Not checked: CEL rules, admission webhooks, name formats, quantities, anything that needs a cluster.
# Extra manifests (files or folders) can be given as arguments:  deploy/validate.sh my-overlay.yaml more/
# The same test runs in `mvn test` (module deploy). Rendered output: deploy/target/rendered/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v kubectl >/dev/null || { echo "[validate] kubectl is needed (kubectl kustomize)" >&2; exit 1; }
extra=()
if (($#)); then
  paths=(); for f in "$@"; do paths+=("$(realpath "$f")"); done
  extra=(-Dvalidate.extra="$(IFS=,; echo "${paths[*]}")")
fi
cd "$root"
mvn -B -q -pl deploy test -Dtest=ManifestsTest -Dsurefire.failIfNoSpecifiedTests=false "${extra[@]}"
echo "[validate] all manifests valid"
