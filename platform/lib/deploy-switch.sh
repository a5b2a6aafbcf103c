# shellcheck shell=bash
# Blue/green for one app: the new release starts beside the live one as the
# other colour, and Caddy switches to it only once it is ready. Until that
# switch nothing of the live colour is touched, so any failure before it
# leaves the old release serving; the exit trap removes the half-started
# colour and says so.

# Probes run inside the containers: nothing publishes a port.
DEPLOY_PROBE_APP="import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/ready', timeout=3)"
DEPLOY_PROBE_FRONTEND="fetch('http://127.0.0.1:3000/').then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))"

# While a release is on its way (until the switch): DEPLOY_SERVING says what
# stays live if it fails; DEPLOY_PENDING_* name the colour the exit trap
# removes again once it has been laid out.
DEPLOY_RELEASING=false DEPLOY_SERVING='' DEPLOY_PENDING_APP='' DEPLOY_PENDING_SLOT=''

deploy_on_exit() {
  local status=$?
  if [ "$status" != 0 ] && [ -n "$DEPLOY_PENDING_SLOT" ]; then
    log "removing the new containers ($DEPLOY_PENDING_APP-$DEPLOY_PENDING_SLOT)"
    deploy_compose "$DEPLOY_PENDING_APP" "$DEPLOY_PENDING_SLOT" down --remove-orphans --timeout 10 >/dev/null 2>&1 || true
  fi
  if [ "$status" != 0 ] && $DEPLOY_RELEASING; then
    log "${DEPLOY_SERVING:-nothing was live before; nothing} keeps serving"
  fi
  deploy_remove_temp
  exit "$status"
}

deploy_has_service() { grep -qx "$2" <<<"$1"; }

deploy_migrate() {
  local app=$1 slot=$2 status=0
  log "running migrations (service migrate)"
  deploy_compose "$app" "$slot" --profile migrate run --rm --no-deps -T migrate >&2 || status=$?
  [ "$status" = 0 ] || die "migrations failed (exit $status); nothing was switched"
}

deploy_show_logs() {
  log "--- last log lines of $1-$2 ---"
  deploy_compose "$1" "$2" logs --no-color --tail 30 >&2 2>&1 || true
}

# Waits until the backend's /ready answers 200, the frontend answers, and no
# service of the colour has stopped or restarted. Fails early on a crash.
deploy_wait_ready() {
  local app=$1 slot=$2 services=$3 deadline=$((SECONDS + DEPLOY_READY_TIMEOUT))
  local waiting service container status restarts code
  while :; do
    waiting=''
    for service in $services; do
      case "$service" in beat | migrate) continue ;; esac
      container=$(deploy_compose "$app" "$slot" ps -a -q "$service" 2>/dev/null | head -n 1)
      if [ -z "$container" ]; then waiting="$service has no container"; break; fi
      read -r status restarts code < <(dk inspect -f '{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}' "$container")
      if [ "$status" != running ] || [ "$restarts" != 0 ]; then
        deploy_show_logs "$app" "$slot"
        die "the new $service stopped (state $status, exit code $code, restarts $restarts); nothing was switched"
      fi
      case "$service" in
        app) dk exec "$container" python -c "$DEPLOY_PROBE_APP" >/dev/null 2>&1 || { waiting="/ready does not answer 200"; break; } ;;
        frontend) dk exec "$container" node -e "$DEPLOY_PROBE_FRONTEND" >/dev/null 2>&1 || { waiting="the frontend does not answer"; break; } ;;
      esac
    done
    [ -n "$waiting" ] || return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      deploy_show_logs "$app" "$slot"
      die "the new release is not ready after ${DEPLOY_READY_TIMEOUT}s ($waiting); nothing was switched"
    fi
    sleep 2
  done
}

# Beat (profile "beat") is a singleton: it is left out when a colour starts,
# and started in the live colour only once the old colour, its beat included,
# has stopped, so two never run at once. COMPOSE_PROFILES=beat in the live
# colour's .env then makes it part of that project for any later
# `docker compose` command (stop, start, up --force-recreate after a rotation).
deploy_start_beat() {
  local app=$1 slot=$2 services=$3 env_file
  deploy_has_service "$services" beat || return 0
  deploy_compose "$app" "$slot" --profile beat up -d --no-build --pull never beat >&2 ||
    die "the new release serves, but its beat did not start"
  env_file=$(deploy_app_state "$app")/$slot/.env
  { cat "$env_file"; printf 'COMPOSE_PROFILES=beat\n'; } | write_file_atomic "$env_file" 600
}

# Stops every project of the app: both colours.
deploy_stop_all() {
  local app=$1 slot
  for slot in blue green; do
    [ -f "$(deploy_app_state "$app")/$slot/docker-compose.yml" ] || continue
    deploy_compose "$app" "$slot" --profile '*' down --remove-orphans >&2 || return 1
  done
}

# deploy_release <app> <tag> <repo> <domain> <migrate: true|false> <preview: true|false>
deploy_release() {
  local app=$1 tag=$2 repo=$3 domain=$4 migrate=$5 preview=$6
  local live previous new files site services
  live=$(deploy_state_get "$app" live)
  previous=$(deploy_state_get "$app" tag)
  new=$(deploy_other_colour "$live")
  if [ -n "$live" ]; then DEPLOY_SERVING="the live release ($app $previous, $live)"; fi
  DEPLOY_RELEASING=true

  deploy_preflight "$app"
  deploy_ensure_settings_file "$app" "$preview"
  deploy_registry_login "$repo"
  local app_image=$repo/app:$tag frontend_image=$repo/frontend:$tag
  deploy_ensure_image "$app_image"
  deploy_make_temp files
  deploy_extract_files "$app_image" "$files"

  DEPLOY_PENDING_APP=$app DEPLOY_PENDING_SLOT=$new
  deploy_prepare_slot "$app" "$new" "$files" "$app_image" "$frontend_image" "$domain"
  deploy_read_services "$app" "$new" services
  deploy_has_service "$services" app || die "the release's docker-compose.yml has no service named app"
  local images=("$app_image")
  if deploy_has_service "$services" frontend; then
    deploy_ensure_image "$frontend_image"
    images+=("$frontend_image")
  fi
  deploy_check_compose_policy "$app" "$new" "${images[@]}"
  deploy_make_temp site
  site=$site/$app.caddy
  deploy_render_site "$files/Caddyfile" "$domain" "$app" "$new" >"$site"
  deploy_check_site_policy "$site" "$domain" "$app" "$new"

  if [ "$migrate" = true ]; then
    deploy_has_service "$services" migrate || die "the release's docker-compose.yml has no service named migrate"
    deploy_migrate "$app" "$new"
  fi
  log "starting $app-$new ($tag)"
  deploy_compose "$app" "$new" up -d --no-build --pull never --remove-orphans >&2 ||
    die "the new containers did not start; nothing was switched"
  deploy_wait_ready "$app" "$new" "$services"

  # From the switch until the state says so, a dropped SSH connection (SIGHUP)
  # or an interrupt must not stop the deploy half-way (nor caddy-site, which
  # inherits this).
  trap '' HUP INT TERM
  deploy_install_site "$app" "$site"
  DEPLOY_PENDING_SLOT='' DEPLOY_RELEASING=false
  deploy_state_set "$app" "live=$new" "tag=$tag" "repo=$repo" "domain=$domain" "previous_tag=$previous"
  deploy_history_add "$app" "$tag" "$repo"
  trap - HUP INT TERM
  if [ -n "$live" ] && [ -f "$(deploy_app_state "$app")/$live/docker-compose.yml" ]; then
    log "draining $app-$live for ${DEPLOY_DRAIN_SECONDS}s, then stopping it"
    sleep "$DEPLOY_DRAIN_SECONDS"
    deploy_compose "$app" "$live" down --remove-orphans >&2 ||
      die "the new release serves, but the old containers ($app-$live) did not stop; its beat was not started so that two never run (stop them: docker compose -p $app-$live down, then deploy again)"
  fi
  deploy_start_beat "$app" "$new" "$services"
  deploy_prune_images "$app"
  printf 'deployed %s %s (%s) at %s%s\n' "$app" "$tag" "$new" "${DEPLOY_SITE_PREFIX:-https://}" "$domain"
}
