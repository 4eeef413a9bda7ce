#!/usr/bin/env bash
# Crash trials: N times (default 20), a worker JVM is SIGKILLed while its pipeline container runs and a fresh one
# takes over (WorkerCrashTest: Temporal dev server, API and worker in their own processes). Prints one JSON line:
# {"trials":N,"completed":N,"lost":0,"duplicateCommits":0,"meanRecoverySeconds":...}; exits non-zero if any was lost.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
log=$(mktemp)
rc=0
mvn -q -B -pl api -am test -Dtest=WorkerCrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrash.trials="$n" >"$log" 2>&1 || rc=$?
grep -m1 '^{"trials":' "$log" || { echo "no result line; see $log" >&2; exit 1; }
((rc == 0)) && rm -f "$log" || echo "some trials failed; see $log" >&2
exit $rc
