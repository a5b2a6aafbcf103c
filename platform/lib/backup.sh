# shellcheck shell=bash
# Backup files: one folder per run under TOWLION_BACKUP_DIR, named by its UTC
# time (20260102T030405Z), holding globals.sql (roles), one <db>.dump
# (pg_dump custom format) per database and a SHA256SUMS file. With age
# encryption every file but SHA256SUMS ends in .age. A run writes into
# <stamp>.partial and renames it only when every dump succeeded, so a folder
# named like a stamp is always a complete backup.

backup_settings() {
  TOWLION_BACKUP_DIR=${TOWLION_BACKUP_DIR:-$TOWLION_DATA/backups/postgres}
  TOWLION_BACKUP_RETENTION_DAYS=${TOWLION_BACKUP_RETENTION_DAYS:-14}
  TOWLION_BACKUP_MAX_AGE_HOURS=${TOWLION_BACKUP_MAX_AGE_HOURS:-26}
  [[ $TOWLION_BACKUP_RETENTION_DAYS =~ ^[1-9][0-9]*$ ]] || die "TOWLION_BACKUP_RETENTION_DAYS must be a number of days (1 or more)"
  [[ $TOWLION_BACKUP_MAX_AGE_HOURS =~ ^[1-9][0-9]*$ ]] || die "TOWLION_BACKUP_MAX_AGE_HOURS must be a number of hours"
  if [ -n "${TOWLION_BACKUP_AGE_KEY_FILE:-}" ] || [ -n "${TOWLION_BACKUP_AGE_RECIPIENTS_FILE:-}" ]; then
    require_command age age-keygen
  fi
}

backup_stamp_pattern='^[0-9]{8}T[0-9]{6}Z$'

# Complete backups, oldest first.
backup_list() {
  [ -d "$TOWLION_BACKUP_DIR" ] || return 0
  find "$TOWLION_BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | grep -E "$backup_stamp_pattern" | sort || true
}

backup_newest() { backup_list | tail -n 1; }

# Seconds since the backup's stamp.
backup_age_seconds() {
  local s=$1 made
  made=$(date -u -d "${s:0:8} ${s:9:2}:${s:11:2}:${s:13:2}" +%s)
  echo $(($(date -u +%s) - made))
}

backup_encrypting() {
  [ -n "${TOWLION_BACKUP_AGE_KEY_FILE:-}" ] || [ -n "${TOWLION_BACKUP_AGE_RECIPIENTS_FILE:-}" ]
}

# Encrypts stdin to stdout for the configured age recipients.
backup_encrypt() {
  if [ -n "${TOWLION_BACKUP_AGE_RECIPIENTS_FILE:-}" ]; then
    age -e -R "$TOWLION_BACKUP_AGE_RECIPIENTS_FILE"
  else
    age -e -r "$(age-keygen -y "$TOWLION_BACKUP_AGE_KEY_FILE")"
  fi
}

# Prints a backup file in plain form, decrypting .age files.
backup_cat() {
  local file=$1
  case "$file" in
    *.age)
      [ -n "${TOWLION_BACKUP_AGE_KEY_FILE:-}" ] || die "$file is encrypted: set TOWLION_BACKUP_AGE_KEY_FILE to the age identity file"
      age -d -i "$TOWLION_BACKUP_AGE_KEY_FILE" "$file"
      ;;
    *) cat "$file" ;;
  esac
}

# The dump file of database $2 in backup folder $1 (plain or encrypted).
backup_dump_file() {
  local folder=$1 db=$2
  if [ -f "$folder/$db.dump.age" ]; then
    printf '%s' "$folder/$db.dump.age"
  elif [ -f "$folder/$db.dump" ]; then
    printf '%s' "$folder/$db.dump"
  else
    return 1
  fi
}

# Prints "schema.table" for every table in a dump (its table of contents),
# sorted. Fails when the dump cannot be read.
dump_tables() {
  local list
  list=$(backup_cat "$1" | pg_tool pg_restore --list) || return 1
  awk '$4 == "TABLE" && $5 != "DATA" && $5 != "ATTACH" { print $5 "." $6 }' <<<"$list" | LC_ALL=C sort
}

db_tables() {
  pg_query "$1" "SELECT schemaname || '.' || tablename FROM pg_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1" | LC_ALL=C sort
}

# Checks that database $1 holds exactly the tables listed in $2 and, when
# the dump had an alembic_version table, that it names a migration head.
# Prints a one-line summary.
verify_restored() {
  local db=$1 expected=$2 actual head=''
  actual=$(db_tables "$db")
  expected=$(LC_ALL=C sort <<<"$expected")
  if [ "$actual" != "$expected" ]; then
    log "tables in $db differ from the dump:"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") >&2 || true
    return 1
  fi
  if grep -q '\.alembic_version$' <<<"$expected"; then
    head=$(pg_query "$db" "SELECT string_agg(version_num, ',') FROM alembic_version")
    [ -n "$head" ] || {
      log "$db has an empty alembic_version table"
      return 1
    }
  fi
  printf '%s tables%s\n' "$(grep -c . <<<"$expected" || true)" "${head:+, migration head $head}"
}
