# shellcheck shell=bash
# Pull-request previews: app <app>-pr-<n>, served at pr-<n>.<preview domain>,
# with its own database, Redis user, bucket and credentials from provision-app
# (never production's, never a superuser), removed completely by preview-down
# or by a sweep once the pull request is closed.

deploy_preview_name() { printf '%s-pr-%s' "$1" "$2"; }

# Prints the pull-request numbers of the app's previews on this server (those
# with deploy state or provisioned credentials), one per line.
deploy_list_previews() {
  local app=$1 path name
  for path in "$DEPLOY_STATE/$app"-pr-* "$TOWLION_DATA/apps/$app"-pr-*; do
    [ -e "$path" ] || continue
    name=${path##*/}
    if [[ $name =~ ^$app-pr-([1-9][0-9]*)$ ]]; then printf '%s\n' "${BASH_REMATCH[1]}"; fi
  done | sort -un
}

deploy_cmd_preview() {
  local app=$DEPLOY_APP pr=$DEPLOY_PR name
  name=$(deploy_preview_name "$app" "$pr")
  deploy_check_allowed_repo "$DEPLOY_REPO"
  [ -f "$(app_credentials_file "$app")" ] ||
    die "app '$app' is not provisioned on this server; previews are only made for provisioned apps"
  deploy_lock "$name"
  if [ ! -f "$(app_credentials_file "$name")" ]; then
    local count
    count=$(deploy_list_previews "$app" | grep -c . || true)
    [ "$count" -lt "$DEPLOY_PREVIEWS_MAX" ] ||
      die "app '$app' already has $count previews (TOWLION_DEPLOY_PREVIEWS_MAX=$DEPLOY_PREVIEWS_MAX); close pull requests or run preview-sweep"
    log "provisioning $name: its own database, Redis user, bucket and credentials"
    "$DEPLOY_PROVISION" "$name" >&2 || die "could not provision $name"
  fi
  deploy_release "$name" "$DEPLOY_TAG" "$DEPLOY_REPO" "pr-$pr.$DEPLOY_PREVIEW_DOMAIN" true true
}

# Removes one preview: containers, site, settings, provisioned data, images, state.
deploy_preview_remove() {
  local app=$1 pr=$2 name state found=false
  name=$(deploy_preview_name "$app" "$pr")
  state=$(deploy_app_state "$name")
  deploy_lock "$name"
  if [ -d "$state" ]; then
    found=true
    deploy_stop_all "$name" || die "could not stop the containers of $name; nothing else was removed"
  fi
  if "$DEPLOY_CADDY_SITE" list 2>/dev/null | grep -qx "$name"; then
    found=true
    "$DEPLOY_CADDY_SITE" remove "$name" >&2 || die "could not remove the site of $name"
  fi
  rm -f "$(deploy_settings_file "$name")"
  if [ -f "$(app_credentials_file "$name")" ]; then
    found=true
    "$DEPLOY_DEPROVISION" "$name" --yes >&2 || die "could not deprovision $name"
  fi
  if [ -f "$state/history" ]; then
    local tag repo
    while read -r tag repo; do
      deploy_image_kept_elsewhere "$name" "$tag" "$repo" && continue
      dk image rm "$repo/app:$tag" "$repo/frontend:$tag" >/dev/null 2>&1 || true
    done <"$state/history"
  fi
  rm -rf "$state"
  if $found; then printf 'removed preview %s\n' "$name"; else printf 'preview %s does not exist; nothing to remove\n' "$name"; fi
}

deploy_cmd_preview_down() {
  deploy_preview_remove "$DEPLOY_APP" "$DEPLOY_PR"
}

# Removes every preview of the app whose pull request is not in the list of
# open ones. A failure with one preview does not stop the others.
deploy_cmd_preview_sweep() {
  local app=$DEPLOY_APP pr failed=0 open=" ${DEPLOY_OPEN_PRS[*]} "
  while IFS= read -r pr; do
    [ -n "$pr" ] || continue
    [[ $open == *" $pr "* ]] && continue
    (deploy_preview_remove "$app" "$pr") || failed=$((failed + 1))
  done < <(deploy_list_previews "$app")
  [ "$failed" = 0 ] || die "$failed preview(s) of '$app' could not be removed (see above)"
  printf 'sweep of %s done; open pull requests kept: %s\n' "$app" "${DEPLOY_OPEN_PRS[*]:-none}"
}
