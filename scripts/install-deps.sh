#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to run every test layer:
# Debian packages, an S3 server built from its Go module, and Python tooling.
# Safe to run again: each part is skipped when already present.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=${TOWLION_TOOLS:-$root/.tmp/tools}
mkdir -p "$tools/bin"
export PATH="$tools/bin:$PATH"

VERSITYGW_VERSION=v1.8.0
UV_VERSION=0.13.9

apt_packages=(postgresql redis-server caddy chromium shellcheck curl ca-certificates git)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! versitygw --version 2>/dev/null | grep -q "${VERSITYGW_VERSION#v}"; then
  GOBIN="$tools/bin" GOFLAGS=-mod=mod go install -ldflags "-X main.Version=${VERSITYGW_VERSION#v}" \
    "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"
fi

if ! uv --version 2>/dev/null | grep -q "$UV_VERSION"; then
  python3 -m pip install --quiet --target "$tools/uv" "uv==$UV_VERSION"
  ln -sf "$tools/uv/bin/uv" "$tools/bin/uv"
fi

echo "tools ready in $tools/bin"
