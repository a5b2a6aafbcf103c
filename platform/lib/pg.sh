# shellcheck shell=bash
# PostgreSQL through its own tools (psql, pg_dump, pg_restore, pg_dumpall),
# connected as the superuser given by PGHOST, PGPORT, PGUSER and PGPASSWORD.
# On a server (TOWLION_RUNTIME=docker) the tools run inside the postgres
# container, so their major version always matches the server's.

PG_ENV_VARS="PGHOST PGPORT PGUSER PGPASSWORD PGOPTIONS"

pg_require_settings() {
  require_setting PGHOST PGPORT PGUSER PGPASSWORD
  export PGHOST PGPORT PGUSER PGPASSWORD
}

# Runs a PostgreSQL client tool with the superuser's connection settings.
# NOTICEs ("... does not exist, skipping") are left out of the output.
pg_tool() {
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" in_service postgres "$PG_ENV_VARS" "$@"
}

# Runs the SQL script on stdin in database $1, stopping at the first error.
# Scripts come through stdin so secrets in them never reach a command line.
pg_script() {
  pg_tool psql -X -q -A -t -v ON_ERROR_STOP=1 -d "${1:-postgres}" -f -
}

# Prints the result of one query (unaligned, tuples only).
pg_query() {
  printf '%s\n' "$2" | pg_script "$1"
}

pg_database_exists() {
  [ "$(pg_query postgres "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

pg_role_exists() {
  [ "$(pg_query postgres "SELECT 1 FROM pg_roles WHERE rolname = '$1'")" = 1 ]
}

# Creates (or repairs) an app's login role with the given password. The
# statement is not logged, because it carries the password.
pg_apply_role() {
  local role=$1 password=$2
  pg_script postgres <<SQL
SET log_statement = 'none';
SET log_min_duration_statement = -1;
\\set role '$role'
\\set password '$password'
SELECT format('CREATE ROLE %I LOGIN', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \\gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
SQL
}

# Creates (or repairs) a database owned by the role: the owner may create
# objects in it (PostgreSQL 15 no longer lets PUBLIC create in schema public)
# and nobody else may even connect.
pg_apply_database() {
  local db=$1 role=$2
  pg_script postgres <<SQL
\\set db '$db'
\\set role '$role'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \\gexec
ALTER DATABASE :"db" OWNER TO :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
\\connect :"db"
ALTER SCHEMA public OWNER TO :"role";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL
}

# Ends every session of the role and every session connected to the database.
pg_terminate_sessions() {
  local db=$1 role=$2
  pg_query postgres "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
    WHERE pid <> pg_backend_pid() AND (datname = '$db' OR usename = '$role')" >/dev/null
}

pg_drop_database() {
  pg_query postgres "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
}

# Application databases: every database that accepts connections, except
# templates, the maintenance database "postgres" and the copies restore and
# verify-backup make (<db>_prev, <db>_new, towlion_verify_*), whose name
# matches TOWLION_BACKUP_DB_REGEX (a PostgreSQL regular expression, default: all).
pg_app_databases() {
  local regex=${TOWLION_BACKUP_DB_REGEX:-.*}
  regex=${regex//\'/\'\'}
  pg_query postgres "SELECT datname FROM pg_database
    WHERE datallowconn AND NOT datistemplate AND datname <> 'postgres' AND datname ~ '$regex'
      AND datname !~ '_db_(prev|new)$' AND datname NOT LIKE 'towlion\\_verify\\_%'
    ORDER BY datname"
}
