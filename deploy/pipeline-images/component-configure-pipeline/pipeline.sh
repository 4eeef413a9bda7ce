#!/bin/bash
# Our stand-in for the configure pipelines of the paved-path-demo's sub-Promises (postgresql, knative): the Promise
# run installs a Namespace for the component, a request run describes itself in a ConfigMap there.
set -euo pipefail
if [[ $KRATIX_WORKFLOW_TYPE == promise ]]; then
  kubectl create namespace "$KRATIX_PROMISE_NAME-system" --dry-run=client -o yaml >/kratix/output/namespace.yaml
else
  spec=$(yq -o json '.spec // {}' /kratix/input/object.yaml | gojq -c .)
  kubectl create configmap "$KRATIX_PROMISE_NAME-$KRATIX_OBJECT_NAME" -n "$KRATIX_PROMISE_NAME-system" \
    --from-literal=request="$KRATIX_OBJECT_NAMESPACE/$KRATIX_OBJECT_NAME" --from-literal=spec="$spec" \
    --dry-run=client -o yaml >/kratix/output/"$KRATIX_PROMISE_NAME".yaml
fi
