#!/usr/bin/env bash
# Writes the preview comment of a pull request: one comment per pull request,
# found by a hidden marker and edited in place, so pushes do not pile up
# comments. Used by .github/workflows/preview.yml (needs gh, GH_TOKEN and
# GITHUB_REPOSITORY, as in Actions).
#
# usage: scripts/preview-comment.sh <pull request number> <text>
# Exit codes: 0 written; 1 the GitHub API refused; 2 bad usage.
set -euo pipefail

marker='<!-- towlion-preview -->'
if [ $# -ne 2 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/preview-comment.sh <pull request number> <text>" >&2
  exit 2
fi
[ -n "${GITHUB_REPOSITORY:-}" ] || { echo "preview-comment: GITHUB_REPOSITORY is not set (owner/repo)" >&2; exit 2; }
pr=$1
body="$marker
$2"

existing=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$pr/comments" \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
if [ -n "$existing" ]; then
  gh api "repos/$GITHUB_REPOSITORY/issues/comments/$existing" --method PATCH -f body="$body" >/dev/null
else
  gh api "repos/$GITHUB_REPOSITORY/issues/$pr/comments" --method POST -f body="$body" >/dev/null
fi
