#!/usr/bin/env bash
# The dev default in one command: builds, starts everything (the Temporal dev server on 127.0.0.1:7233 with its
# Web UI on :8233 and its database in the data dir, worker, REST API and Git server on :8080, local Git state
# store, Destination "dev"), applies the demo Website Promise and a request, and shows the files in the state
# store. Leaves it running; --exit stops after the demo. A second run finds everything again (same data dir).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}
TEMPORAL_PORT=${TEMPORAL_PORT:-7233}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-$((TEMPORAL_PORT + 1000))}
DATA=${KRATIX_DATA:-$PWD/data}
api=http://127.0.0.1:$PORT/api/v1
deploy/setup-machine.sh
mvn -B -q install -DskipTests
# Heap given back when idle, few malloc arenas: README, "Memory".
MALLOC_ARENA_MAX=2 java -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:G1PeriodicGCInterval=30000 \
  -jar api/target/api-0.1.0-SNAPSHOT.jar --spring.profiles.active=dev --server.port="$PORT" \
  --kratix.temporal.port="$TEMPORAL_PORT" --kratix.temporal.ui-port="$TEMPORAL_UI_PORT" --kratix.data-dir="$DATA" \
  >"$DATA.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
# wait_for WHAT URL JQ-CONDITION
wait_for() {
  for _ in $(seq 1 240); do
    curl -sf "$2" 2>/dev/null | gojq -e "$3" >/dev/null 2>&1 && { echo "[demo] $1"; return; }
    kill -0 $pid 2>/dev/null || { echo "[demo] the server stopped; see $DATA.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "[demo] timed out waiting: $1" >&2; exit 1
}
ready='.status.conditions[] | select(.type == "Ready") | .status == "True"'
wait_for "Destination dev is Ready" "$api/destinations/dev" "$ready"
curl -sf --data-binary @deploy/demo/website-promise.yaml -H 'Content-Type: application/yaml' "$api/apply"; echo
wait_for "Promise website is Available" "$api/promises/website" '.status.status == "Available"'
curl -sf --data-binary @deploy/demo/website-request.yaml -H 'Content-Type: application/yaml' "$api/apply"; echo
reconciled='.status.conditions[] | select(.type == "Reconciled") | .status == "True"'
wait_for "Website hello is Reconciled" "$api/promises/website/resources/default/hello" "$reconciled"
curl -sf "$api/promises/website/resources/default/hello" | gojq --yaml-output .
clone=$(mktemp -d)
git clone -q "http://127.0.0.1:$PORT/git/state.git" "$clone"
echo "[demo] files in the state store (git clone http://127.0.0.1:$PORT/git/state.git):"
(cd "$clone" && git ls-files && git log --format='  %h %an: %s')
rm -rf "$clone"
if [[ ${1:-} == --exit ]]; then exit 0; fi
echo "[demo] Temporal Web UI: http://127.0.0.1:$TEMPORAL_UI_PORT/namespaces/default/workflows"
echo "[demo] running (pid $pid, log $DATA.log); Ctrl-C to stop"
wait $pid
