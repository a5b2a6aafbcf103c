# shellcheck shell=bash
# Checks made before a deploy changes anything: the app is provisioned, there
# is disk space for the images, Docker answers, and the platform (its network
# and containers) is up and healthy.

deploy_preflight() {
  local app=$1
  [ -f "$(app_credentials_file "$app")" ] ||
    die "app '$app' is not provisioned on this server (no $(app_credentials_file "$app")); run provision-app $app as root first"

  local free_kb
  free_kb=$(df -Pk "$DEPLOY_DISK_PATH" | awk 'NR == 2 { print $4 }')
  [ "$((free_kb / 1024))" -ge "$DEPLOY_MIN_FREE_MB" ] ||
    die "only $((free_kb / 1024)) MB free on $DEPLOY_DISK_PATH, a deploy needs $DEPLOY_MIN_FREE_MB MB (TOWLION_DEPLOY_MIN_FREE_MB); remove unused images with 'docker image prune'"

  dk version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "the Docker engine does not answer"
  dk network inspect "$DEPLOY_NETWORK" >/dev/null 2>&1 ||
    die "the platform network '$DEPLOY_NETWORK' does not exist: is the platform running? (platform/bin/doctor)"

  local container state
  for container in $DEPLOY_PLATFORM_CONTAINERS; do
    state=$(dk inspect -f '{{.State.Status}}{{if .State.Health}} {{.State.Health.Status}}{{end}}' "$container" 2>/dev/null) ||
      die "platform container $container does not exist: is the platform running? (platform/bin/doctor)"
    case "$state" in
      'running' | 'running healthy') ;;
      *) die "platform container $container is not healthy ($state); see platform/bin/doctor" ;;
    esac
  done
}
