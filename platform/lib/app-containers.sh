# shellcheck shell=bash
# An app's running containers: the Compose project named after the app
# (deploys run `docker compose -p <app>`). Compose records each project's
# directory and files as labels, which is enough to stop, start or recreate
# the project without knowing where its files live.

app_docker_available() {
  have_docker && docker info >/dev/null 2>&1
}

# Prints the ids of the app's containers (running or stopped).
app_containers() {
  docker ps -aq --filter "label=com.docker.compose.project=$1"
}

# Runs `docker compose <args>` for the app's project with its recorded files.
app_compose() {
  local app=$1 first dir files args=()
  shift
  first=$(app_containers "$app" | head -n 1)
  [ -n "$first" ] || return 0
  dir=$(docker inspect -f '{{index .Config.Labels "com.docker.compose.project.working_dir"}}' "$first")
  files=$(docker inspect -f '{{index .Config.Labels "com.docker.compose.project.config_files"}}' "$first")
  local IFS=,
  for file in $files; do args+=(-f "$file"); done
  unset IFS
  docker compose -p "$app" --project-directory "$dir" "${args[@]}" "$@"
}

# Recreates the app's containers so they read a changed credentials file
# (a plain restart would keep the old environment).
app_recreate() {
  local app=$1
  if ! app_docker_available; then
    log "docker is not available here: restart app '$app' yourself so it reads its new credentials"
    return 0
  fi
  if [ -z "$(app_containers "$app")" ]; then
    log "app '$app' has no containers yet; its next deploy reads the new credentials"
    return 0
  fi
  app_compose "$app" up -d --force-recreate --no-build >&2
}

# Stops the app's containers (its writers); prints "stopped" when it did.
app_stop() {
  local app=$1
  app_docker_available || return 0
  [ -n "$(app_containers "$app")" ] || return 0
  app_compose "$app" stop >&2 && echo stopped
}

app_start() {
  app_compose "$1" start >&2
}
