#!/bin/bash
# Runs each pipeline image the way Kratix would (object.yaml read-only, output/metadata writable,
# no network) and checks what it wrote. Assertions use the host's gojq, not the image's yq.
set -uo pipefail
RUN=(podman run --rm --pull=never --runtime runc --network=none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
UTIL=ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1
NS_IMG=ghcr.io/syntasso/kratix-marketplace/namespace-configure-pipeline:v0.1.0
REDIS_IMG=ghcr.io/syntasso/kratix-marketplace/redis-configure-pipeline:v0.1.0
TRIVIAL=localhost/kratix-test/trivial:v1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
# io NAME < object.yaml: fresh Kratix dirs for one run
io() { mkdir -p "$t/$1"/{input,output,metadata}; cat >"$t/$1/input/object.yaml"; }
# pipe NAME [podman args] IMAGE [cmd]: run with NAME's dirs mounted
pipe() { local d=$t/$1; shift; "${RUN[@]}" -v "$d/input:/kratix/input:ro" -v "$d/output:/kratix/output" -v "$d/metadata:/kratix/metadata" "$@"; }
# eq DESC FILE JQ WANT
eq() { local got; got=$(gojq --yaml-input -r "$3" "$2" 2>&1); [[ $got == "$4" ]] && ok "$1" || bad "$1: got '$got', want '$4'"; }

request() { cat <<EOF
apiVersion: marketplace.kratix.io/v1alpha1
kind: $1
metadata:
  name: $2
  namespace: default
spec:
$3
EOF
}

echo "== utility: yq forms and kubectl (one container, checks run inside it)"
request Redis example '  size: large
  flag: "true"' | io util
printf -- '---\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: Secret\nmetadata: {name: b}\n---\nkind: ConfigMap\nmetadata: {name: c}\n' >"$t/util/input/multi.yaml"
pipe util -e V=from-env -e N=42 "$UTIL" bash -c '
  in=/kratix/input/object.yaml fails=0
  c() { local want=$1; shift; got=$("$@" 2>&1); [[ $got == "$want" ]] && echo "ok   $*" || { echo "FAIL $*: got [$got] want [$want]"; fails=1; }; }
  c example      yq eval .metadata.name $in
  c large        yq e .spec.size $in
  c large        yq .spec.size $in
  c Redis        bash -c "cat $in | yq .kind"
  c Redis        bash -c "yq e .kind - < $in"
  c true         yq -r .spec.flag $in
  c "\"true\""   yq -r=false .spec.flag $in
  c default      yq ".spec.missing // \"default\"" $in
  c "a:
  b: c"          yq -n ".a.b = \"c\""
  c from-env     bash -c "yq -n \".x = strenv(V)\" | yq .x"
  c number       bash -c "yq -n \".x = env(N)\" | yq \".x | type\""
  c "a
---
c"               yq "select(.kind == \"ConfigMap\") | .metadata.name" /kratix/input/multi.yaml
  c y            bash -c "yq \".metadata.labels.x |= \\\"y\\\"\" $in | yq .metadata.labels.x"
  c "{\"name\":\"example\",\"namespace\":\"default\"}" bash -c "yq -o json .metadata $in | gojq -c ."
  c example      yq -o=json -r .metadata.name $in
  c ConfigMap/c  yq ea ". as \$i ireduce ({}; . * \$i) | .kind + \"/\" + .metadata.name" /kratix/input/multi.yaml
  c 1            bash -c "yq -e .spec.nope $in >/dev/null; echo \$?"
  cp $in /kratix/output/edit.yaml
  c ""           yq -i ".spec.size = strenv(V)" /kratix/output/edit.yaml
  c from-env     yq .spec.size /kratix/output/edit.yaml
  c ""           yq e -iP "del(.spec.flag)" /kratix/output/edit.yaml
  c "$(printf "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: foo\nspec: {}\nstatus: {}")" \
                 kubectl create namespace foo --dry-run=client -o yaml
  c "$(printf "apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: x")" \
                 kubectl create configmap x --from-literal=a=b --dry-run=client -o yaml
  exit $fails' | sed 's/^/  /'
((PIPESTATUS[0] == 0)) && ok "utility checks" || bad "utility checks"
eq "yq -i wrote the mounted file" "$t/util/output/edit.yaml" '[.spec.size, (.spec.flag // "gone")] | join(",")' "from-env,gone"

echo "== namespace-configure-pipeline"
request Namespace ns1 '  namespaceName: team-a
  clusterName: dev' | io ns1
pipe ns1 "$NS_IMG" >/dev/null && ok "runs" || bad "runs"
eq "namespace.yaml" "$t/ns1/output/namespace.yaml" '[.apiVersion, .kind, .metadata.name] | join(" ")' "v1 Namespace team-a"
eq "destination-selectors.yaml" "$t/ns1/metadata/destination-selectors.yaml" '.[0].matchLabels.clusterName' dev
request Namespace ns2 '  namespaceName: team-b' | io ns2
pipe ns2 "$NS_IMG" >/dev/null && ok "runs without clusterName" || bad "runs without clusterName"
eq "namespace.yaml (no cluster)" "$t/ns2/output/namespace.yaml" .metadata.name team-b
[[ ! -e $t/ns2/metadata/destination-selectors.yaml ]] && ok "no selectors without clusterName" || bad "selectors written without clusterName"
request Namespace ns3 '  other: x' | io ns3
pipe ns3 "$NS_IMG" >/dev/null 2>&1 && bad "missing namespaceName accepted" || ok "missing namespaceName fails"

echo "== redis-configure-pipeline"
request Redis promise '  size: small' | io rp
pipe rp -e KRATIX_WORKFLOW_TYPE=promise "$REDIS_IMG" >/dev/null && ok "promise runs" || bad "promise runs"
eq "operator namespace" "$t/rp/output/redis-operator-namespace.yaml" '.kind + "/" + .metadata.name' Namespace/redis-operator
eq "operator deployment" "$t/rp/output/redis-operator-deployment.yaml" '.kind + "/" + .metadata.namespace + "/" + .metadata.name' Deployment/redis-operator/redisoperator
for size in small:1 large:3; do
  request Redis "my-redis-${size%:*}" "  size: ${size%:*}" | io "r-${size%:*}"
  pipe "r-${size%:*}" -e KRATIX_WORKFLOW_TYPE=resource "$REDIS_IMG" >/dev/null && ok "resource ${size%:*} runs" || bad "resource ${size%:*} runs"
  eq "RedisFailover ${size%:*}" "$t/r-${size%:*}/output/redis-instance.yaml" \
    '[.apiVersion, .kind, .metadata.name, .metadata.namespace, .spec.redis.replicas, .spec.sentinel.replicas] | map(tostring) | join(" ")' \
    "databases.spotahome.com/v1 RedisFailover my-redis-${size%:*} default ${size#*:} ${size#*:}"
done
pipe r-small "$REDIS_IMG" >/dev/null 2>&1 && bad "no KRATIX_WORKFLOW_TYPE accepted" || ok "no KRATIX_WORKFLOW_TYPE fails"

echo "== trivial"
request Thing bench-1 '  x: 1' | io tr
start=$(date +%s%N)
for i in 1 2 3 4 5; do pipe tr "$TRIVIAL" || bad "trivial run $i"; done
echo "  5 runs: $(( ($(date +%s%N) - start) / 5000000 )) ms each"
eq "configmap.yaml" "$t/tr/output/configmap.yaml" '.kind + "/" + .metadata.name' ConfigMap/bench-1

echo "== paved-path-demo (compound Promise) and its sub-Promises' pipelines"
PAVED_IMG=docker.io/syntasso/paved-path-demo-configure-pipeline:latest
PG_IMG=ghcr.io/syntasso/promise-postgresql/postgresql-configure-pipeline:v0.1.0
request paved-path-demo my-paved-path '  name: example' | io pp
pipe pp "$PAVED_IMG" >/dev/null && ok "paved-path-demo runs" || bad "paved-path-demo runs"
eq "knative request" "$t/pp/output/knative-resource-request.yaml" '.kind + "/" + .metadata.namespace + "/" + .metadata.name' knative/default/my-paved-path
eq "postgresql request" "$t/pp/output/postgres-resource-request.yaml" '.kind + "/" + .metadata.name + "/" + .spec.dbName' postgresql/my-paved-path/my_paved_path
request postgresql db1 '  env: dev' | io pgp
pipe pgp -e KRATIX_WORKFLOW_TYPE=promise -e KRATIX_PROMISE_NAME=postgresql "$PG_IMG" >/dev/null && ok "postgresql promise runs" || bad "postgresql promise runs"
eq "postgresql namespace" "$t/pgp/output/namespace.yaml" '.kind + "/" + .metadata.name' Namespace/postgresql-system
request postgresql db1 '  env: dev' | io pgr
pipe pgr -e KRATIX_WORKFLOW_TYPE=resource -e KRATIX_PROMISE_NAME=postgresql -e KRATIX_OBJECT_NAME=db1 -e KRATIX_OBJECT_NAMESPACE=default "$PG_IMG" >/dev/null && ok "postgresql request runs" || bad "postgresql request runs"
eq "postgresql configmap" "$t/pgr/output/postgresql.yaml" '.metadata.name + " " + .data.request + " " + .data.spec' 'postgresql-db1 default/db1 {"env":"dev"}'

echo; ((fails == 0)) && echo "ALL PASSED" || { echo "$fails FAILED"; exit 1; }
