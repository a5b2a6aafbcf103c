# shellcheck shell=bash
# Settings of the deploy command, all from the environment (or the platform's
# settings file) with the defaults documented in platform/README.md
# ("Deploys"), and the way it runs docker: always with a clean environment, so
# that a release's Compose file can interpolate nothing but the variables the
# deploy writes for it (never the platform's secrets, which are loaded into
# this process's environment).
# The DEPLOY_* variables set here are read by the other deploy-*.sh files.
# shellcheck disable=SC2034

deploy_number_setting() {
  local name=$1 default=$2 value
  value=${!name:-$default}
  [[ $value =~ ^[0-9]+$ ]] || die "$name must be a whole number, not $(deploy_quote "$value")"
  printf '%s' "$value"
}

deploy_load_settings() {
  DEPLOY_STATE=${TOWLION_DEPLOY_STATE_DIR:-$TOWLION_DATA/deploy}
  DEPLOY_ALLOWED_REPOS=${TOWLION_DEPLOY_ALLOWED_REPOS:-ghcr.io/}
  DEPLOY_KEEP=$(deploy_number_setting TOWLION_DEPLOY_KEEP_IMAGES 5)
  DEPLOY_LOCK_TIMEOUT=$(deploy_number_setting TOWLION_DEPLOY_LOCK_TIMEOUT 600)
  DEPLOY_READY_TIMEOUT=$(deploy_number_setting TOWLION_DEPLOY_READY_TIMEOUT 180)
  DEPLOY_DRAIN_SECONDS=$(deploy_number_setting TOWLION_DEPLOY_DRAIN_SECONDS 10)
  DEPLOY_MIN_FREE_MB=$(deploy_number_setting TOWLION_DEPLOY_MIN_FREE_MB 2048)
  DEPLOY_PREVIEWS_MAX=$(deploy_number_setting TOWLION_DEPLOY_PREVIEWS_MAX 10)
  DEPLOY_STDIN_TIMEOUT=$(deploy_number_setting TOWLION_DEPLOY_STDIN_TIMEOUT 10)
  DEPLOY_DISK_PATH=${TOWLION_DEPLOY_DISK_PATH:-/var/lib/docker}
  [ -d "$DEPLOY_DISK_PATH" ] || DEPLOY_DISK_PATH=/
  DEPLOY_NETWORK=${TOWLION_DEPLOY_NETWORK:-towlion}
  DEPLOY_FILES_PATH=${TOWLION_DEPLOY_FILES_PATH:-/opt/app/deploy}
  DEPLOY_S3_UPSTREAM=${TOWLION_DEPLOY_S3_UPSTREAM:-minio:9000}
  DEPLOY_SITE_PREFIX=${TOWLION_DEPLOY_SITE_PREFIX:-}
  case "$DEPLOY_SITE_PREFIX" in '' | http:// | https://) ;; *) die "TOWLION_DEPLOY_SITE_PREFIX must be empty, http:// or https://" ;; esac
  DEPLOY_DOCKER=${TOWLION_DOCKER:-docker}
  DEPLOY_CADDY=${TOWLION_DEPLOY_CADDY:-caddy}
  DEPLOY_CADDY_SITE=${TOWLION_DEPLOY_CADDY_SITE:-$TOWLION_PLATFORM_DIR/bin/caddy-site}
  DEPLOY_PROVISION=${TOWLION_DEPLOY_PROVISION:-$TOWLION_PLATFORM_DIR/bin/provision-app}
  DEPLOY_DEPROVISION=${TOWLION_DEPLOY_DEPROVISION:-$TOWLION_PLATFORM_DIR/bin/deprovision-app}
  DEPLOY_POLICY=$TOWLION_PLATFORM_DIR/lib/deploy-policy.py
  if [ -n "${TOWLION_DEPLOY_PLATFORM_CONTAINERS+set}" ]; then
    DEPLOY_PLATFORM_CONTAINERS=$TOWLION_DEPLOY_PLATFORM_CONTAINERS
  else
    DEPLOY_PLATFORM_CONTAINERS="$(service_container caddy) $(service_container postgres) $(service_container redis) $(service_container s3)"
  fi
  # Set while a registry login is active (a temporary folder, removed on exit).
  DEPLOY_DOCKER_CONFIG=''
  command -v "$DEPLOY_DOCKER" >/dev/null 2>&1 || die "docker is not installed (TOWLION_DOCKER=$DEPLOY_DOCKER)"
  command -v python3 >/dev/null 2>&1 || die "python3 is not installed (the deploy's release checks need it)"
}

# docker with nothing of this process's environment but what it needs.
dk() {
  local env=(PATH="$PATH" HOME="${HOME:-/root}")
  local name
  for name in DOCKER_HOST DOCKER_CONTEXT DOCKER_CERT_PATH DOCKER_TLS_VERIFY; do
    if [ -n "${!name:-}" ]; then env+=("$name=${!name}"); fi
  done
  if [ -n "${DOCKER_CONFIG:-}" ]; then env+=(DOCKER_CONFIG="$DOCKER_CONFIG"); fi
  env -i "${env[@]}" "$DEPLOY_DOCKER" "$@"
}

# docker with the registry login of this run, if there is one (pull, login).
dk_registry() {
  if [ -n "$DEPLOY_DOCKER_CONFIG" ]; then DOCKER_CONFIG=$DEPLOY_DOCKER_CONFIG dk "$@"; else dk "$@"; fi
}

# An image repository is deployable only under a registry prefix the server
# allows (TOWLION_DEPLOY_ALLOWED_REPOS, space separated, e.g.
# "ghcr.io/acme/ 127.0.0.1:5000/"); a prefix always ends at a "/".
deploy_check_allowed_repo() {
  local repo=$1 prefix
  for prefix in $DEPLOY_ALLOWED_REPOS; do
    prefix=${prefix%/}/
    if [[ $repo/ == "$prefix"* ]]; then return 0; fi
  done
  usage_error "image repository $(deploy_quote "$repo") is not allowed on this server (allowed: $DEPLOY_ALLOWED_REPOS; set TOWLION_DEPLOY_ALLOWED_REPOS)"
}
