# shellcheck shell=bash
# Shared helpers for every platform command: messages, settings, app names,
# secrets and how a service's own tool is run (on this host, or inside the
# service's container on a server).
#
# Settings come from the environment. The platform's settings file
# (TOWLION_ENV_FILE, written by bootstrap, mode 600) fills in whatever the
# environment does not already set, so a test or an operator can override any
# single value for one run.

TOWLION_PLATFORM_DIR=${TOWLION_PLATFORM_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

log() { printf '%s\n' "$*" >&2; }
die() {
  printf '%s: error: %s\n' "${TOWLION_COMMAND:-towlion}" "$*" >&2
  exit 1
}
# Usage errors exit 2, like most command-line tools.
usage_error() {
  printf '%s: %s\n' "${TOWLION_COMMAND:-towlion}" "$*" >&2
  exit 2
}

# Reads KEY=VALUE lines (no shell evaluation) and exports each key that the
# environment does not set yet. Comments and blank lines are ignored.
load_settings_file() {
  local file=$1 line key value
  [ -f "$file" ] || return 0
  [ -r "$file" ] || die "cannot read $file (run as root)"
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    key=${line%%=*}
    value=${line#*=}
    [[ $key =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [ -z "${!key+set}" ]; then export "$key=$value"; fi
  done <"$file"
}

load_platform_settings() {
  TOWLION_ENV_FILE=${TOWLION_ENV_FILE:-/etc/towlion/platform.env}
  load_settings_file "$TOWLION_ENV_FILE"
  TOWLION_DATA=${TOWLION_DATA:-/data}
  TOWLION_RUNTIME=${TOWLION_RUNTIME:-native}
  TOWLION_OBJECT_STORE=${TOWLION_OBJECT_STORE:-versitygw}
  case "$TOWLION_RUNTIME" in native | docker) ;; *) die "TOWLION_RUNTIME must be native or docker, not '$TOWLION_RUNTIME'" ;; esac
  case "$TOWLION_OBJECT_STORE" in versitygw | minio) ;; *) die "TOWLION_OBJECT_STORE must be versitygw or minio, not '$TOWLION_OBJECT_STORE'" ;; esac
  export TOWLION_DATA TOWLION_RUNTIME TOWLION_OBJECT_STORE
}

require_setting() {
  local name
  for name in "$@"; do
    [ -n "${!name:-}" ] || die "$name is not set (see platform/README.md, settings)"
  done
}

require_command() {
  local name
  for name in "$@"; do
    command -v "$name" >/dev/null 2>&1 || die "'$name' is not installed"
  done
}

# App names become database, role, bucket, Redis user and Compose project
# names, so they are kept to what all of those accept: lowercase letters,
# digits and single hyphens, starting with a letter, at most 50 characters
# (a bucket name "<app>-uploads" must stay within 63).
validate_app_name() {
  local name=$1
  if [ ${#name} -gt 50 ] || ! [[ $name =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]]; then
    usage_error "invalid app name '$name': use lowercase letters, digits and single hyphens, start with a letter, at most 50 characters (e.g. my-app)"
  fi
}

app_db_name() { printf '%s_db' "${1//-/_}"; }
app_db_user() { printf '%s_user' "${1//-/_}"; }
app_bucket() { printf '%s-uploads' "$1"; }
app_dir() { printf '%s/apps/%s' "$TOWLION_DATA" "$1"; }
app_credentials_file() { printf '%s/credentials.env' "$(app_dir "$1")"; }

# A random secret of hex digits: URL-safe, shell-safe and SQL-literal-safe,
# and made with coreutils only (no openssl needed on a fresh server).
random_secret() {
  od -An -N"${1:-24}" -tx1 /dev/urandom | tr -d ' \n'
}

utc_stamp() { date -u +%Y%m%dT%H%M%SZ; }

# Runs "$@" where the service's tools live: on this host (native), or inside
# the service's container (docker), passing the named environment variables
# along by name so their values never appear on a command line.
#   in_service <service> "VAR1 VAR2" command args...
in_service() {
  local service=$1 vars=$2 var
  shift 2
  if [ "$TOWLION_RUNTIME" = native ]; then
    "$@"
    return
  fi
  local args=(exec -i)
  for var in $vars; do args+=(-e "$var"); done
  docker "${args[@]}" "$(service_container "$service")" "$@"
}

service_container() {
  case "$1" in
    postgres) printf '%s' "${TOWLION_POSTGRES_CONTAINER:-towlion-postgres}" ;;
    redis) printf '%s' "${TOWLION_REDIS_CONTAINER:-towlion-redis}" ;;
    s3) printf '%s' "${TOWLION_S3_CONTAINER:-towlion-$TOWLION_OBJECT_STORE}" ;;
    caddy) printf '%s' "${TOWLION_CADDY_CONTAINER:-towlion-caddy}" ;;
    *) die "unknown service $1" ;;
  esac
}

have_docker() { command -v docker >/dev/null 2>&1; }

# Sends a failure report to TOWLION_ALERT_COMMAND (run by bash, the message
# on stdin, TOWLION_ALERT_SUBJECT in its environment), e.g. a mail or webhook
# command. Failing to alert is reported but never hides the original failure.
alert() {
  local subject=$1 body=$2
  [ -n "${TOWLION_ALERT_COMMAND:-}" ] || return 0
  if ! printf '%s\n' "$body" | TOWLION_ALERT_SUBJECT=$subject bash -c "$TOWLION_ALERT_COMMAND"; then
    log "warning: TOWLION_ALERT_COMMAND failed"
  fi
}

# Writes stdin to a file atomically with the given mode: readers see the old
# content or the new one, never a half-written file.
write_file_atomic() {
  local target=$1 mode=$2 tmp
  tmp=$(mktemp "$(dirname "$target")/.$(basename "$target").XXXXXX")
  if ! cat >"$tmp" || ! chmod "$mode" "$tmp" || ! mv -f "$tmp" "$target"; then
    rm -f "$tmp"
    die "could not write $target"
  fi
}
