# shellcheck shell=bash
# A release: its images (pulled once, with registry credentials from stdin
# when given), the deploy files baked into its backend image, and the checks
# they must pass before the server runs them.

# Temporary files and folders of this run, removed on exit.
# deploy_make_temp <variable>: a new private folder, its path stored in <variable>
# (not printed: a command substitution would lose track of it).
DEPLOY_TEMP=()
deploy_make_temp() {
  local -n deploy_temp_target=$1
  deploy_temp_target=$(mktemp -d "${TMPDIR:-/tmp}/towlion-deploy.XXXXXX")
  chmod 700 "$deploy_temp_target"
  DEPLOY_TEMP+=("$deploy_temp_target")
}
deploy_remove_temp() {
  local dir
  for dir in "${DEPLOY_TEMP[@]}"; do rm -rf "$dir"; done
  DEPLOY_TEMP=()
}

# With --registry-user, the password or token is the first line of stdin (the
# workflow pipes GitHub's token): never an argument, so never in a process
# list. It is stored only in a temporary docker config for this run's pulls.
deploy_registry_login() {
  local repo=$1 password=''
  [ -n "$DEPLOY_REGISTRY_USER" ] || return 0
  [ -z "$DEPLOY_DOCKER_CONFIG" ] || return 0
  IFS= read -r -t "$DEPLOY_STDIN_TIMEOUT" password || true
  [ -n "$password" ] || die "--registry-user needs the registry password or token on stdin (none came within ${DEPLOY_STDIN_TIMEOUT}s)"
  deploy_make_temp DEPLOY_DOCKER_CONFIG
  local registry=${repo%%/*}
  if ! printf '%s\n' "$password" | dk_registry login --username "$DEPLOY_REGISTRY_USER" --password-stdin "$registry" >/dev/null 2>&1; then
    die "could not log in to $registry as $DEPLOY_REGISTRY_USER (check the token's packages:read permission)"
  fi
  unset password
}

# Makes sure the image is here: pulled when missing (tags are commit SHAs,
# so an image that is here is the right one).
deploy_ensure_image() {
  local image=$1 output
  if dk image inspect "$image" >/dev/null 2>&1; then return 0; fi
  log "pulling $image"
  if ! output=$(dk_registry pull --quiet "$image" 2>&1); then
    die "cannot pull $image: $(tail -n 3 <<<"$output")"
  fi
}

# Copies the deploy files out of the backend image (docker create + cp; the
# image's code never runs) into folder $2.
deploy_extract_files() {
  local image=$1 target=$2 container status=0
  container=$(dk create --pull never "$image" 2>&1) || die "cannot read the deploy files of $image: $container"
  dk cp "$container:$DEPLOY_FILES_PATH/." "$target/" >/dev/null 2>&1 || status=$?
  dk rm -f "$container" >/dev/null 2>&1 || true
  [ "$status" = 0 ] || die "$image has no deploy files in $DEPLOY_FILES_PATH (was it built from the app's Dockerfile, which copies deploy/ there?)"
  local name
  for name in docker-compose.yml Caddyfile; do
    if [ ! -f "$target/$name" ] || [ -L "$target/$name" ]; then die "$image has no $DEPLOY_FILES_PATH/$name"; fi
  done
  if [ -n "$(find "$target" -type l -print -quit)" ]; then
    die "the deploy files of $image contain symbolic links; refusing them"
  fi
}

# Compose for the project <app>-<slot> (slot: blue, green or beat), whose
# files live in ${DEPLOY_STATE}/<app>/<slot>.
deploy_compose() {
  local app=$1 slot=$2 dir
  shift 2
  dir=$(deploy_app_state "$app")/$slot
  dk compose -p "$app-$slot" --project-directory "$dir" -f "$dir/docker-compose.yml" "$@"
}

# The app's own settings on the server (next to its credentials): created on
# the first deploy with a generated JWT_SECRET, then only ever edited by the
# operator (email keys, ...). Previews get console email: they never send
# real mail with production's keys.
deploy_ensure_settings_file() {
  local app=$1 preview=${2:-false} file
  file=$(deploy_settings_file "$app")
  [ -f "$file" ] && return 0
  mkdir -p "$(dirname "$file")"
  {
    printf '# Settings of app "%s" on this server, read by its containers on each deploy.\n' "$app"
    printf '# Written once by platform/bin/deploy; add EMAIL_API_KEY, EMAIL_FROM, ... here.\n'
    printf 'JWT_SECRET=%s\n' "$(random_secret 32)"
    if [ "$preview" = true ]; then printf 'EMAIL_PROVIDER=console\n'; fi
  } | write_file_atomic "$file" 600
  log "created $file with a new JWT_SECRET"
}
deploy_settings_file() { printf '%s/app.env' "$(app_dir "$1")"; }

# Lays out the project of <slot>: the release's Compose file and the .env the
# deploy writes for it. Leftovers of an earlier, failed deploy of the same
# (not live) colour are removed first.
deploy_prepare_slot() {
  local app=$1 slot=$2 files=$3 app_image=$4 frontend_image=$5 domain=$6 dir
  dir=$(deploy_app_state "$app")/$slot
  if [ -f "$dir/docker-compose.yml" ]; then
    deploy_compose "$app" "$slot" down --remove-orphans --timeout 30 >&2 || true
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  chmod 700 "$dir"
  cp "$files/docker-compose.yml" "$dir/docker-compose.yml"
  write_file_atomic "$dir/.env" 600 <<ENV
APP_IMAGE=$app_image
FRONTEND_IMAGE=$frontend_image
APP_DOMAIN=$domain
TOWLION_APP=$app
TOWLION_INSTANCE=$app-$slot
TOWLION_CREDENTIALS_FILE=$(app_credentials_file "$app")
TOWLION_SETTINGS_FILE=$(deploy_settings_file "$app")
ENV
}

# deploy_read_services <app> <slot> <variable>: the release's services, every
# profile included, one per line (not printed: a command substitution would
# swallow the failure along with Compose's message).
deploy_read_services() {
  local -n deploy_services_target=$3
  local output
  output=$(deploy_compose "$1" "$2" --profile '*' config --services 2>&1) ||
    die "the release's docker-compose.yml is not valid: $(tail -n 3 <<<"$output")"
  # shellcheck disable=SC2034 # a nameref: this sets the caller's variable
  deploy_services_target=$(sort <<<"$output")
}

# Refuses a Compose file that reaches beyond the app (see deploy-policy.py).
deploy_check_compose_policy() {
  local app=$1 slot=$2 work output
  shift 2
  deploy_make_temp work
  output=$(deploy_compose "$app" "$slot" --profile '*' config --no-interpolate --format json 2>&1 >"$work/raw.json") ||
    die "the release's docker-compose.yml is not valid: $output"
  output=$(deploy_compose "$app" "$slot" --profile '*' config --format json 2>&1 >"$work/final.json") ||
    die "the release's docker-compose.yml is not valid: $output"
  local args=(compose "$work/raw.json" "$work/final.json" --network "$DEPLOY_NETWORK"
    --env-file "$(app_credentials_file "$app")" --env-file "$(deploy_settings_file "$app")")
  local image
  for image in "$@"; do args+=(--image "$image"); done
  output=$(python3 "$DEPLOY_POLICY" "${args[@]}" 2>&1) ||
    die "the release's docker-compose.yml asks for more than an app may have on this server:
$output"
  rm -f "$work/final.json"
}
