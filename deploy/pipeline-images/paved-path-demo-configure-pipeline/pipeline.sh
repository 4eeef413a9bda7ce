#!/bin/bash
# Our stand-in for syntasso/paved-path-demo-configure-pipeline (paved-path-demo sample): the parent of a compound
# Promise. It asks for one knative and one postgresql, which the platform Destination hands back to the platform.
# The requests are named after the paved path, so that two paved paths never claim the same ones.
set -euo pipefail
name=$(yq -r '.metadata.name' /kratix/input/object.yaml)
namespace=$(yq -r '.metadata.namespace // "default"' /kratix/input/object.yaml)
cat >/kratix/output/knative-resource-request.yaml <<YAML
apiVersion: marketplace.kratix.io/v1alpha1
kind: knative
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  env: dev
YAML
cat >/kratix/output/postgres-resource-request.yaml <<YAML
apiVersion: marketplace.kratix.io/v1alpha1
kind: postgresql
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  env: dev
  teamId: acid
  dbName: ${name//-/_}
YAML
