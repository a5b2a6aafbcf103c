# shellcheck shell=bash
# Redis through redis-cli, as the admin user (TOWLION_REDIS_ADMIN_USER,
# TOWLION_REDIS_ADMIN_PASSWORD) on TOWLION_REDIS_HOST:TOWLION_REDIS_PORT.
#
# Each app gets an ACL user named after the app that may only touch keys
# "<app>:*" and Pub/Sub channels "<app>:*", with every command except the
# admin and dangerous categories (CONFIG, ACL, FLUSHALL, KEYS, DEBUG, ...).

REDIS_ENV_VARS="REDISCLI_AUTH"

redis_require_settings() {
  TOWLION_REDIS_HOST=${TOWLION_REDIS_HOST:-127.0.0.1}
  TOWLION_REDIS_PORT=${TOWLION_REDIS_PORT:-6379}
  TOWLION_REDIS_ADMIN_USER=${TOWLION_REDIS_ADMIN_USER:-admin}
  require_setting TOWLION_REDIS_ADMIN_PASSWORD
}

# Runs the Redis commands on stdin (one per line) as the admin user and fails
# when Redis answers any of them with an error. redis-cli itself exits 0 on
# error replies, so its output is checked.
redis_admin() {
  local output
  output=$(REDISCLI_AUTH=$TOWLION_REDIS_ADMIN_PASSWORD in_service redis "$REDIS_ENV_VARS" \
    redis-cli --no-auth-warning -h "$TOWLION_REDIS_HOST" -p "$TOWLION_REDIS_PORT" \
    --user "$TOWLION_REDIS_ADMIN_USER" "$@" 2>&1) || {
    printf '%s\n' "$output" >&2
    return 1
  }
  if grep -Eq '^(ERR|WRONGPASS|NOAUTH|NOPERM|WRONGTYPE|AUTH failed|Could not connect)' <<<"$output"; then
    printf 'redis: %s\n' "$output" >&2
    return 1
  fi
  [ -z "$output" ] || printf '%s\n' "$output"
}

# The ACL rule of the contract, for user $1 with password $2.
redis_acl_rule() {
  local user=$1 password=$2
  printf 'ACL SETUSER %s reset on >%s ~%s:* &%s:* +@all -@admin -@dangerous\n' "$user" "$password" "$user" "$user"
}

redis_apply_user() {
  redis_acl_rule "$1" "$2" | redis_admin >/dev/null
  redis_persist_acl
}

redis_user_exists() {
  [ -n "$(printf 'ACL GETUSER %s\n' "$1" | redis_admin)" ]
}

redis_delete_user() {
  printf 'ACL DELUSER %s\n' "$1" | redis_admin >/dev/null
  redis_persist_acl
}

# Deletes the app's keys with SCAN + UNLINK (never KEYS, which blocks Redis).
redis_delete_keys() {
  local prefix=$1 keys
  keys=$(redis_admin --scan --pattern "$prefix:*")
  [ -n "$keys" ] || return 0
  # Quote each key for redis-cli's line parser (backslashes and quotes escaped).
  printf '%s\n' "$keys" | sed 's/[\\"]/\\&/g; s/^/UNLINK "/; s/$/"/' | redis_admin >/dev/null
}

# Writes the ACL users to Redis's aclfile so they survive a restart. A Redis
# without an aclfile (a test server) keeps them in memory only; on a server
# (TOWLION_RUNTIME=docker) that is an error.
redis_persist_acl() {
  local output
  if output=$(printf 'ACL SAVE\n' | redis_admin 2>&1); then return 0; fi
  if grep -q 'not configured to use an ACL file' <<<"$output" && [ "$TOWLION_RUNTIME" = native ]; then
    log "note: this Redis has no aclfile; ACL users live in memory only"
    return 0
  fi
  printf '%s\n' "$output" >&2
  return 1
}

# Prints the ACL file a new server starts with, for the admin password read
# from stdin: the admin user (password stored as its SHA-256 hash, never in
# plain text) and the default user switched off, so every client must log in.
redis_initial_acl() {
  local hash
  hash=$(tr -d '\n' | sha256sum | cut -d' ' -f1)
  printf 'user default off resetpass nocommands\nuser admin on #%s ~* &* +@all\n' "$hash"
}
