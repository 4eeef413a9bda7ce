#!/bin/bash
# Redis promise pipeline. KRATIX_WORKFLOW_TYPE=promise installs a stand-in operator;
# KRATIX_WORKFLOW_TYPE=resource turns a request into a RedisFailover.
set -euo pipefail
in=/kratix/input/object.yaml out=/kratix/output

case ${KRATIX_WORKFLOW_TYPE:-} in
promise)
  cat >"$out/redis-operator-namespace.yaml" <<'YAML'
apiVersion: v1
kind: Namespace
metadata:
  name: redis-operator
YAML
  cat >"$out/redis-operator-serviceaccount.yaml" <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: redisoperator
  namespace: redis-operator
YAML
  cat >"$out/redis-operator-deployment.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redisoperator
  namespace: redis-operator
  labels:
    app: redisoperator
spec:
  replicas: 1
  selector:
    matchLabels:
      app: redisoperator
  template:
    metadata:
      labels:
        app: redisoperator
    spec:
      serviceAccountName: redisoperator
      containers:
        - name: redis-operator
          image: quay.io/spotahome/redis-operator:v1.2.4
          resources:
            limits:
              cpu: 100m
              memory: 128Mi
YAML
  echo "redis-configure: wrote operator manifests" ;;
resource)
  name=$(yq '.metadata.name' "$in")
  size=$(yq '.spec.size // "small"' "$in")
  # names go into YAML unquoted below, so only accept valid Kubernetes names
  [[ $name =~ ^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$ ]] || { echo "invalid metadata.name: '$name'" >&2; exit 1; }
  case $size in
    small) replicas=1 ;;
    large) replicas=3 ;;
    *) echo "unknown spec.size '$size' (want small or large)" >&2; exit 1 ;;
  esac
  cat >"$out/redis-instance.yaml" <<YAML
apiVersion: databases.spotahome.com/v1
kind: RedisFailover
metadata:
  name: $name
  namespace: default
spec:
  redis:
    replicas: $replicas
  sentinel:
    replicas: $replicas
YAML
  echo "redis-configure: wrote RedisFailover $name ($size, $replicas replicas)" ;;
*) echo "KRATIX_WORKFLOW_TYPE must be 'promise' or 'resource', got '${KRATIX_WORKFLOW_TYPE:-}'" >&2; exit 1 ;;
esac
