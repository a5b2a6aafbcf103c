# shellcheck shell=bash
# Helpers of platform/bin/bootstrap: write a file only when its content,
# mode or owner differ, and count what changed, so a second run can say
# "no changes" and mean it.

# Changes are counted in a file, because many happen in pipelines (subshells).
BOOTSTRAP_CHANGE_LOG=$(mktemp)
trap 'rm -f "$BOOTSTRAP_CHANGE_LOG"' EXIT

changed() {
  printf '%s\n' "$*" >>"$BOOTSTRAP_CHANGE_LOG"
  printf 'changed: %s\n' "$*"
}

change_count() { grep -c . "$BOOTSTRAP_CHANGE_LOG" || true; }

# Installs stdin as $1 with mode $2 and owner $3 (user:group, names or ids).
# Returns 0 when the file changed, 1 when it was already right.
put_file() {
  local target=$1 mode=$2 owner=$3 tmp
  mkdir -p "$(dirname "$target")"
  tmp=$(mktemp "$(dirname "$target")/.towlion.XXXXXX")
  cat >"$tmp"
  if [ -f "$target" ] && cmp -s "$tmp" "$target" &&
    [ "$(stat -c %a "$target")" = "${mode#0}" ] && owner_is "$target" "$owner"; then
    rm -f "$tmp"
    return 1
  fi
  chmod "$mode" "$tmp"
  chown "$owner" "$tmp"
  mv -f "$tmp" "$target"
  changed "$target"
  return 0
}

owner_is() {
  local file=$1 owner=$2 user group
  user=${owner%%:*} group=${owner#*:}
  { [ "$(stat -c %U "$file")" = "$user" ] || [ "$(stat -c %u "$file")" = "$user" ]; } &&
    { [ "$(stat -c %G "$file")" = "$group" ] || [ "$(stat -c %g "$file")" = "$group" ]; }
}

# Makes sure $1 is a directory with mode $2 and owner $3.
put_dir() {
  local dir=$1 mode=$2 owner=$3
  if [ -d "$dir" ] && [ "$(stat -c %a "$dir")" = "${mode#0}" ] && owner_is "$dir" "$owner"; then
    return 0
  fi
  mkdir -p "$dir"
  chmod "$mode" "$dir"
  chown "$owner" "$dir"
  changed "$dir/"
}

# Replaces @NAME@ placeholders in a template file with the values given as
# NAME=value arguments, and prints the result.
render() {
  local file=$1 expr=(-e '') pair
  shift
  for pair in "$@"; do
    expr+=(-e "s|@${pair%%=*}@|${pair#*=}|g")
  done
  sed "${expr[@]}" "$file"
}
