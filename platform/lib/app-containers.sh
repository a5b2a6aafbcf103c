# shellcheck shell=bash
# An app's containers: every container labelled org.towlion.app=<app>. Deploys
# run each colour as its own Compose project (<app>-blue, <app>-green), so the
# projects are found through that label. Compose records each project's
# directory and files as labels, which is enough to stop, start or recreate a
# project without knowing where its files live (its .env sits in that directory).

app_docker_available() {
  have_docker && docker info >/dev/null 2>&1
}

# Prints the ids of the app's containers (running or stopped).
app_containers() {
  docker ps -aq --filter "label=org.towlion.app=$1"
}

# Prints the Compose projects the app's containers belong to, one per line.
app_projects() {
  local id
  for id in $(app_containers "$1"); do
    docker inspect -f '{{index .Config.Labels "com.docker.compose.project"}}' "$id"
  done | sort -u
}

# Runs `docker compose <args>` for one project with its recorded files.
project_compose() {
  local project=$1 first dir files args=()
  shift
  first=$(docker ps -aq --filter "label=com.docker.compose.project=$project" | head -n 1)
  [ -n "$first" ] || return 0
  dir=$(docker inspect -f '{{index .Config.Labels "com.docker.compose.project.working_dir"}}' "$first")
  files=$(docker inspect -f '{{index .Config.Labels "com.docker.compose.project.config_files"}}' "$first")
  local IFS=,
  for file in $files; do args+=(-f "$file"); done
  unset IFS
  docker compose -p "$project" --project-directory "$dir" "${args[@]}" "$@"
}

# Runs `docker compose <args>` for each of the app's projects.
app_compose() {
  local app=$1 project
  shift
  for project in $(app_projects "$app"); do
    project_compose "$project" "$@" || return 1
  done
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
