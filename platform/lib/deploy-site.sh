# shellcheck shell=bash
# The app's Caddy site: the release's deploy/Caddyfile with its placeholders
# filled in for one colour, checked, then installed by caddy-site (which
# validates the whole configuration, renames atomically and reloads Caddy
# gracefully).

# deploy_render_site <Caddyfile> <domain> <app> <slot>: prints the site file.
# The patterns are the literal placeholders of the generated Caddyfile.
# shellcheck disable=SC2016
deploy_render_site() {
  local source=$1 domain=$2 app=$3 slot=$4 text
  text=$(<"$source")
  text=${text//'{$APP_DOMAIN}'/$DEPLOY_SITE_PREFIX$domain}
  text=${text//'{$APP_UPSTREAM:app:8000}'/$app-$slot-app:8000}
  text=${text//'{$FRONTEND_UPSTREAM:frontend:3000}'/$app-$slot-frontend:3000}
  text=${text//'{$S3_UPSTREAM:minio:9000}'/$DEPLOY_S3_UPSTREAM}
  printf '%s\n' "$text"
}

deploy_site_upstreams() {
  local app=$1 slot=$2
  printf '%s\n' "$app-$slot-app:8000" "$app-$slot-frontend:3000" "$DEPLOY_S3_UPSTREAM"
}

# caddy adapt of stdin, where Caddy runs (its container on a server).
deploy_caddy_adapt() {
  if [ "$TOWLION_RUNTIME" = docker ]; then
    dk exec -i "$(service_container caddy)" caddy adapt --config /dev/stdin --adapter caddyfile
  else
    "$DEPLOY_CADDY" adapt --config /dev/stdin --adapter caddyfile
  fi
}

# Refuses a site that could reach beyond the app: imports of anything but the
# platform's security_headers snippet, placeholders that read Caddy's
# environment or files, and (on Caddy's own parse, see deploy-policy.py) any
# other host name, upstream, listener or handler than proxying.
deploy_check_site_policy() {
  local file=$1 domain=$2 app=$3 slot=$4 line output adapted
  while IFS= read -r line; do
    # Comments say what they like (Caddy's own parse below sees everything else).
    line=${line%%[[:space:]]#*}
    if [[ $line == '#'* ]]; then line=''; fi
    case "$line" in
      *'{$'*) die "the release's Caddyfile uses a placeholder the platform does not fill in: $(deploy_quote "$line")" ;;
      *'{env.'* | *'{file.'*)
        die "the release's Caddyfile: placeholders reading Caddy's environment or files are not allowed: $(deploy_quote "$line")" ;;
    esac
    if [[ $line =~ ^[[:space:]]*import[[:space:]] ]] && ! [[ $line =~ ^[[:space:]]*import[[:space:]]+security_headers[[:space:]]*$ ]]; then
      die "the release's Caddyfile may import only security_headers, not $(deploy_quote "$line")"
    fi
  done <"$file"
  deploy_make_temp adapted
  adapted=$adapted/site.json
  if ! output=$({ printf '(security_headers) {\n}\n'; cat "$file"; } | deploy_caddy_adapt 2>&1 >"$adapted"); then
    die "the release's Caddyfile is not valid Caddy configuration: $(grep -v '"level":"info"' <<<"$output" | tail -n 5)"
  fi
  local args=(caddy "$adapted" --host "$domain") upstream
  while IFS= read -r upstream; do args+=(--upstream "$upstream"); done < <(deploy_site_upstreams "$app" "$slot")
  output=$(python3 "$DEPLOY_POLICY" "${args[@]}" 2>&1) ||
    die "the release's Caddyfile asks for more than an app's site may do:
$output"
}

# Installs the site <app> from file; caddy-site validates, swaps atomically
# and reloads Caddy gracefully (in-flight requests finish).
deploy_install_site() {
  local name=$1 file=$2
  "$DEPLOY_CADDY_SITE" install "$name" "$file" >&2 || die "Caddy did not accept the new site of '$name'"
}
