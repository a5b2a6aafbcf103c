#!/usr/bin/env bash
# Starts (or stops) the real services the slow test layers talk to, on loopback
# ports of their own: PostgreSQL, Redis and an S3 server (versitygw).
#   scripts/test-services.sh start   # idempotent; prints the env file's path
#   scripts/test-services.sh stop
# The env file holds TEST_* connection settings for the tests.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${TOWLION_TEST_STATE:-$root/.tmp/services}
tools=${TOWLION_TOOLS:-$root/.tmp/tools}/bin
export PATH="$tools:$PATH"

PG_PORT=${TEST_PG_PORT:-55432}
REDIS_PORT=${TEST_REDIS_PORT:-56379}
S3_PORT=${TEST_S3_PORT:-59000}
PG_PASSWORD=towlion-test-postgres
REDIS_PASSWORD=towlion-test-redis
S3_ACCESS_KEY=towlion-test-root
S3_SECRET_KEY=towlion-test-root-secret

pg_bin() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
  echo "$dir"
}

# PostgreSQL refuses to run as root; the Debian package brings a postgres user.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_answers() {
  PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

start_postgres() {
  local bin data=$state/postgres
  # Another checkout's test services on the same port serve just as well.
  if pg_answers; then return 0; fi
  bin=$(pg_bin)
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
    printf '%s\n' "$PG_PASSWORD" >"$state/pg-password"
    [ "$(id -u)" = 0 ] && chown postgres "$state/pg-password"
    as_pg_owner "$bin/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile="$state/pg-password" >"$state/initdb.log"
  fi
  if ! as_pg_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w start \
      -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" >/dev/null
  fi
}

start_redis() {
  mkdir -p "$state/redis"
  if ! redis-cli -p "$REDIS_PORT" -a "$REDIS_PASSWORD" --no-auth-warning ping >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$state/redis" \
      --pidfile "$state/redis.pid" --logfile "$state/redis.log" --save "" --appendonly no \
      --requirepass "$REDIS_PASSWORD"
  fi
}

start_s3() {
  command -v versitygw >/dev/null || { echo "versitygw is not installed (scripts/install-deps.sh)" >&2; exit 1; }
  mkdir -p "$state/s3/data" "$state/s3/iam"
  if ! curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/"; then
    ROOT_ACCESS_KEY="$S3_ACCESS_KEY" ROOT_SECRET_KEY="$S3_SECRET_KEY" \
      nohup versitygw --port "127.0.0.1:$S3_PORT" --admin-port "127.0.0.1:$((S3_PORT + 1))" \
      --iam-dir "$state/s3/iam" --quiet posix "$state/s3/data" >"$state/s3.log" 2>&1 &
    echo $! >"$state/s3.pid"
  fi
}

wait_ready() {
  local _
  for _ in $(seq 1 100); do
    if pg_answers &&
      redis-cli -p "$REDIS_PORT" -a "$REDIS_PASSWORD" --no-auth-warning ping >/dev/null 2>&1 &&
      curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/"; then
      return 0
    fi
    sleep 0.2
  done
  echo "test services did not become ready; logs in $state" >&2
  exit 1
}

write_env() {
  cat >"$state/env" <<ENV
TEST_PG_HOST=127.0.0.1
TEST_PG_PORT=$PG_PORT
TEST_PG_USER=postgres
TEST_PG_PASSWORD=$PG_PASSWORD
TEST_DATABASE_ADMIN_URL=postgresql://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres
TEST_REDIS_HOST=127.0.0.1
TEST_REDIS_PORT=$REDIS_PORT
TEST_REDIS_PASSWORD=$REDIS_PASSWORD
TEST_REDIS_ADMIN_URL=redis://default:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/0
TEST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
TEST_S3_ADMIN_ENDPOINT=http://127.0.0.1:$((S3_PORT + 1))
TEST_S3_ACCESS_KEY=$S3_ACCESS_KEY
TEST_S3_SECRET_KEY=$S3_SECRET_KEY
TEST_S3_REGION=us-east-1
ENV
  echo "$state/env"
}

stop_all() {
  local bin
  bin=$(pg_bin)
  if [ -d "$state/postgres" ]; then
    as_pg_owner "$bin/pg_ctl" -D "$state/postgres" -m fast stop >/dev/null 2>&1 || true
  fi
  redis-cli -p "$REDIS_PORT" -a "$REDIS_PASSWORD" --no-auth-warning shutdown nosave >/dev/null 2>&1 || true
  if [ -f "$state/s3.pid" ]; then kill "$(cat "$state/s3.pid")" 2>/dev/null || true; fi
  rm -f "$state/s3.pid"
}

case "${1:-start}" in
  start)
    mkdir -p "$state"
    chmod 755 "$state"
    start_postgres
    start_redis
    start_s3
    wait_ready
    write_env
    ;;
  stop) stop_all ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
