#!/usr/bin/env bash
# Runs the system test alone: the platform and two generated apps on a real
# Docker engine (started by the test if none runs). Needs scripts/install-deps.sh
# once and root (the engine, debootstrap). TOWLION_SYSTEM_KEEP=1 leaves the
# stack running afterwards for a look around.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec npx vitest run --project system "$@"
