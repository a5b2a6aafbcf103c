#!/bin/bash
# The parts of the official postgres image's entrypoint that the platform and the
# generated standalone Compose file rely on.
set -euo pipefail

# On the first start only, with a server on the local socket alone: *.sh files
# are run when executable and sourced otherwise, *.sql files go to psql.
run_init_scripts() {
  shopt -s nullglob
  local scripts=(/docker-entrypoint-initdb.d/*)
  [ ${#scripts[@]} -gt 0 ] || return 0
  as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  export PGUSER="${POSTGRES_USER:-postgres}" PGHOST=/var/run/postgresql
  local script
  for script in "${scripts[@]}"; do
    case $script in
      *.sh)
        # shellcheck source=/dev/null  # a script the Compose file mounts
        if [ -x "$script" ]; then "$script"; else . "$script"; fi
        ;;
      *.sql) psql -v ON_ERROR_STOP=1 --dbname postgres -f "$script" ;;
    esac
  done
  as_postgres pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
}

as_postgres() {
  setpriv --reuid=postgres --regid=postgres --init-groups "$@"
}

if [ "${1:-}" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    chown postgres "$pwfile"
    as_postgres initdb -D "$PGDATA" -U "${POSTGRES_USER:-postgres}" --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" >/dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    echo "listen_addresses = '*'" >>"$PGDATA/postgresql.auto.conf"
    run_init_scripts
  fi
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$@" -D "$PGDATA"
fi
exec "$@"
