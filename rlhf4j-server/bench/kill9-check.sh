#!/usr/bin/env bash
# Crash check for the platform: serve on PostgreSQL, drive it with the load benchmark, kill -9 the
# server mid-run, restart it, let the benchmark's clients retry, then verify that every judgment the
# server acknowledged is in the database (the benchmark exits 3 if one is missing).
#   RLHF4J_DB=jdbc:postgresql://127.0.0.1:5432/rlhf4j?user=rlhf4j rlhf4j-server/bench/kill9-check.sh
# RLHF4J_CMD overrides the launcher (default: ./rlhf4j from the repository root).
set -euo pipefail
: "${RLHF4J_DB:?set RLHF4J_DB to a PostgreSQL JDBC URL}"
CMD=${RLHF4J_CMD:-./rlhf4j}
PORT=${PORT:-18181}
LOG=$(mktemp -d /tmp/rlhf4j-kill9.XXXXXX)
start_server() {
  RLHF4J_ADMIN_PASSWORD=kill9-admin-pw $CMD serve --db "$RLHF4J_DB" --port "$PORT" >>"$LOG/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && return 0; sleep 0.5; done
  echo "kill9: server did not come up; see $LOG/server.log" >&2; return 1
}
start_server
echo "kill9: server pid $SERVER on port $PORT"
$CMD serve bench --db "$RLHF4J_DB" --target "http://127.0.0.1:$PORT" --annotators "${ANNOTATORS:-200}" --prompts "${PROMPTS:-600}" \
  --max-seconds "${SECONDS_LIMIT:-90}" >"$LOG/bench.log" 2>&1 &
BENCH=$!
# Wait until judgments are flowing (a progress line with >= 300 acknowledged), then crash the server.
for _ in $(seq 1 480); do
  n=$(grep -o "progress [0-9]*" "$LOG/bench.log" 2>/dev/null | tail -1 | awk "{print \$2}" || true)
  [ "${n:-0}" -ge "${CRASH_AT:-300}" ] && break; sleep 0.25
done
echo "kill9: $(grep progress "$LOG/bench.log" | tail -1)"
echo "kill9: kill -9 $SERVER"
kill -9 "$SERVER"
sleep 2
start_server
echo "kill9: restarted as pid $SERVER"
status=0
wait "$BENCH" || status=$?
grep "^bench" "$LOG/bench.log" | grep -v progress
kill "$SERVER"
echo "kill9: benchmark exit status $status (0: every acknowledged judgment survived the crash)"
exit "$status"
