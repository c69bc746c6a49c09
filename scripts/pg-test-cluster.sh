# Sourced by ./test. Makes RLHF4J_TEST_PG_URL point at a PostgreSQL server:
# uses the one given, else starts a throwaway cluster on a free local port (stopped on exit).
rlhf4j_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) $(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)"); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}
rlhf4j_start_pg() {
  if [ -n "${RLHF4J_TEST_PG_URL:-}" ]; then echo "test: PostgreSQL from RLHF4J_TEST_PG_URL"; return 0; fi
  local bin; bin=$(rlhf4j_pg_bin) || {
    echo "test: PostgreSQL is not installed; install it (Debian: apt-get install -y postgresql) or set RLHF4J_TEST_PG_URL" >&2
    return 1; }
  local dir port runas=()
  dir=$(mktemp -d /tmp/rlhf4j-pg.XXXXXX)
  port=$(( 20000 + RANDOM % 20000 ))
  if [ "$(id -u)" = 0 ]; then   # initdb refuses to run as root: use the postgres account
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"; runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$bin/initdb" -D "$dir/data" -U rlhf4j --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; return 1; }
  "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null || {
    cat "$dir/server.log" >&2; return 1; }
  "${runas[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U rlhf4j rlhf4j_test
  export RLHF4J_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/rlhf4j_test?user=rlhf4j"
  RLHF4J_PG_STOP=("${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop)
  trap 'echo "test: stopping PostgreSQL"; "${RLHF4J_PG_STOP[@]}" >/dev/null 2>&1; rm -rf "'"$dir"'"' EXIT
  echo "test: started PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}
