# shellcheck shell=bash
# What the deploy command remembers per app, under ${DEPLOY_STATE}/<app>/:
#   state                 KEY=VALUE lines: live (colour), tag, repo, domain, previous_tag
#   history               "<tag> <repo>" per successful deploy, newest last (rollback images)
#   blue/ green/          the Compose projects <app>-blue and <app>-green: the
#                         release's docker-compose.yml and the .env written for it
# and the lock files in ${DEPLOY_STATE}/.locks/. Root only (mode 700).

deploy_app_state() { printf '%s/%s' "$DEPLOY_STATE" "$1"; }

# Takes the app's lock for the rest of this process (file descriptor 8). A
# second deploy of the same app waits up to TOWLION_DEPLOY_LOCK_TIMEOUT
# seconds, then gives up with the holder's description; other apps have their
# own locks and never wait.
deploy_lock() {
  local app=$1 locks=$DEPLOY_STATE/.locks
  mkdir -p "$locks"
  chmod 700 "$DEPLOY_STATE"
  local file=$locks/$app.lock
  exec 8>>"$file"
  if ! flock -n 8; then
    log "another deploy of '$app' is running ($(cat "$file.owner" 2>/dev/null || echo unknown)); waiting up to ${DEPLOY_LOCK_TIMEOUT}s"
    flock -w "$DEPLOY_LOCK_TIMEOUT" 8 ||
      die "another deploy of '$app' is still running after ${DEPLOY_LOCK_TIMEOUT}s ($(cat "$file.owner" 2>/dev/null || echo unknown)); nothing was changed"
  fi
  printf 'pid %s, %s, since %s\n' "$$" "$DEPLOY_ACTION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$file.owner"
}

deploy_state_get() {
  local app=$1 key=$2 file line
  file=$(deploy_app_state "$app")/state
  [ -f "$file" ] || return 0
  while IFS= read -r line; do
    if [ "${line%%=*}" = "$key" ]; then printf '%s' "${line#*=}"; fi
  done <"$file"
}

# deploy_state_set <app> KEY=VALUE... : replaces those keys, keeps the others.
deploy_state_set() {
  local app=$1 dir pair line keep
  shift
  dir=$(deploy_app_state "$app")
  mkdir -p "$dir"
  chmod 700 "$dir"
  {
    if [ -f "$dir/state" ]; then
      while IFS= read -r line; do
        keep=true
        for pair in "$@"; do
          if [ "${line%%=*}" = "${pair%%=*}" ]; then keep=false; fi
        done
        if $keep; then printf '%s\n' "$line"; fi
      done <"$dir/state"
    fi
    printf '%s\n' "$@"
  } | write_file_atomic "$dir/state" 600
}

deploy_other_colour() {
  if [ "$1" = blue ]; then echo green; else echo blue; fi
}

# Records a successful deploy of <tag> from <repo>, newest last, once per tag.
deploy_history_add() {
  local app=$1 tag=$2 repo=$3 file
  file=$(deploy_app_state "$app")/history
  touch "$file"
  { grep -v "^$tag " "$file" || true; printf '%s %s\n' "$tag" "$repo"; } | write_file_atomic "$file" 600
}

# Removes the images of all but the newest TOWLION_DEPLOY_KEEP_IMAGES deploys
# of the app (the live one is always among them). Images a container still
# uses, or that another app's history keeps, stay: docker refuses to remove
# the first, and the second are skipped.
deploy_prune_images() {
  local app=$1 file count tag repo
  file=$(deploy_app_state "$app")/history
  [ -f "$file" ] || return 0
  count=$(grep -c . "$file" || true)
  [ "$count" -gt "$DEPLOY_KEEP" ] || return 0
  local old keep
  old=$(head -n $((count - DEPLOY_KEEP)) "$file")
  keep=$(tail -n "$DEPLOY_KEEP" "$file")
  while read -r tag repo; do
    [ -n "$tag" ] || continue
    if deploy_image_kept_elsewhere "$app" "$tag" "$repo"; then continue; fi
    dk image rm "$repo/app:$tag" >/dev/null 2>&1 || true
    dk image rm "$repo/frontend:$tag" >/dev/null 2>&1 || true
    log "removed the images of $app $tag (older than the last $DEPLOY_KEEP deploys)"
  done <<<"$old"
  printf '%s\n' "$keep" | write_file_atomic "$file" 600
}

# True when another app's (or the production app's) history still lists the image.
deploy_image_kept_elsewhere() {
  local app=$1 tag=$2 repo=$3 other
  for other in "$DEPLOY_STATE"/*/history; do
    if [ ! -f "$other" ] || [ "$other" = "$(deploy_app_state "$app")/history" ]; then continue; fi
    if grep -qx "$tag $repo" "$other"; then return 0; fi
  done
  return 1
}
