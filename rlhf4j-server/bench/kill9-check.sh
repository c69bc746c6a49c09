#!/usr/bin/env bash
# Crash check for the platform: serve, drive it with the load benchmark, kill -9 the server several
# times mid-run (restarting it after each), let the benchmark's clients retry, then verify that every
# judgment the server acknowledged is in the database and no task was acknowledged twice (the
# benchmark exits 3 otherwise).
#   rlhf4j-server/bench/kill9-check.sh                     the embedded default (a fresh H2 file)
#   RLHF4J_DB='jdbc:postgresql://127.0.0.1:5432/rlhf4j?user=rlhf4j' rlhf4j-server/bench/kill9-check.sh
# KILLS (default 3) crashes, the first after CRASH_AT (300) acknowledged judgments, then every CRASH_EVERY (400) more.
# RLHF4J_CMD overrides the launcher (default: ./rlhf4j from the repository root).
set -euo pipefail
CMD=${RLHF4J_CMD:-./rlhf4j}
PORT=${PORT:-18181}
LOG=$(mktemp -d /tmp/rlhf4j-kill9.XXXXXX)
DB=${RLHF4J_DB:-jdbc:h2:file:$LOG/db/rlhf4j}
KILLS=${KILLS:-3}
start_server() {
  RLHF4J_ADMIN_PASSWORD=kill9-admin-pw $CMD serve --db "$DB" --port "$PORT" >>"$LOG/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && return 0; sleep 0.5; done
  echo "kill9: server did not come up; see $LOG/server.log" >&2; return 1
}
acknowledged() { grep -o "progress [0-9]*" "$LOG/bench.log" 2>/dev/null | tail -1 | awk '{print $2}' || true; }
echo "kill9: store ${DB%%\?*}, $KILLS kills, logs in $LOG"
start_server
echo "kill9: server pid $SERVER on port $PORT"
$CMD serve bench --db "$DB" --target "http://127.0.0.1:$PORT" --annotators "${ANNOTATORS:-200}" --prompts "${PROMPTS:-600}" \
  --max-seconds "${SECONDS_LIMIT:-180}" --max-requests 10000000 >"$LOG/bench.log" 2>&1 &
BENCH=$!
for k in $(seq 1 "$KILLS"); do
  at=$(( ${CRASH_AT:-300} + (k - 1) * ${CRASH_EVERY:-400} ))
  # Wait until judgments are flowing past the threshold, then crash the server.
  for _ in $(seq 1 960); do n=$(acknowledged); [ "${n:-0}" -ge "$at" ] && break; kill -0 "$BENCH" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$BENCH" 2>/dev/null || { echo "kill9: the benchmark ended before kill $k" >&2; break; }
  echo "kill9: kill $k: $(grep progress "$LOG/bench.log" | tail -1)"
  kill -9 "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  sleep 2
  start_server
  echo "kill9: restarted as pid $SERVER"
done
status=0
wait "$BENCH" || status=$?
grep "^bench" "$LOG/bench.log" | grep -v progress
kill "$SERVER"
echo "kill9: load $(cut -d' ' -f1-3 /proc/loadavg); benchmark exit status $status (0: every acknowledged judgment survived, none acknowledged twice)"
exit "$status"
