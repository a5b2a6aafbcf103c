#!/usr/bin/env bash
# Prints the settings file of deploy/docker-compose.standalone.yml, with every
# secret freshly generated (hex from /dev/urandom: safe in URLs and shells).
#
# usage: scripts/standalone-env.sh <app domain> <ACME email> > deploy/.env.standalone
#        chmod 600 deploy/.env.standalone   (git ignores .env.*; keep a copy somewhere safe)
#
# Exit codes: 0 printed; 2 bad usage.
set -euo pipefail

usage() {
  sed -n '2,8s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

[ $# -eq 2 ] || usage
domain=$1 email=$2
[[ $domain =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ && $domain == *.* ]] ||
  { echo "standalone-env: '$domain' is not a host name (e.g. app.example.com)" >&2; exit 2; }
[[ $email =~ ^[^@[:space:]]+@[^@[:space:]]+$ ]] ||
  { echo "standalone-env: '$email' is not an email address (Let's Encrypt writes to it)" >&2; exit 2; }

secret() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

cat <<ENV
# Settings of docker-compose.standalone.yml, generated $(date -u +%Y-%m-%d).
# Secret: keep this file private (chmod 600) and out of git.
APP_DOMAIN=$domain
ACME_EMAIL=$email
POSTGRES_PASSWORD=$(secret 24)
APP_DB_PASSWORD=$(secret 24)
REDIS_PASSWORD=$(secret 24)
S3_ROOT_ACCESS_KEY=$(secret 10)
S3_ROOT_SECRET_KEY=$(secret 24)
JWT_SECRET=$(secret 32)
# Optional: images published by the deploy workflow instead of a local build,
# e.g. APP_IMAGE=ghcr.io/<owner>/<repo>/app:<sha>
# Email provider settings (EMAIL_PROVIDER, EMAIL_FROM, EMAIL_API_KEY, ...) go here too.
ENV
