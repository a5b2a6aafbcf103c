#!/usr/bin/env bash
# Polls the app's health endpoint until it answers 200 or the time is up.
#
# usage: scripts/health-check.sh [URL] [TIMEOUT_SECONDS]
#   URL              default: https://$APP_DOMAIN/health, or http://127.0.0.1:8000/health
#                    when APP_DOMAIN is not set
#   TIMEOUT_SECONDS  default: 60; one attempt every HEALTH_CHECK_INTERVAL seconds (default 2)
#
# Exit codes: 0 the endpoint answered 200 with {"status":"ok"} (a /ready URL: any
# 200); 1 it did not within the timeout (the last answer is printed on stderr);
# 2 bad usage. Needs curl.
set -euo pipefail

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

case "${1:-}" in -h | --help) usage ;; esac
[ $# -le 2 ] || usage
if [ -n "${APP_DOMAIN:-}" ]; then default_url="https://$APP_DOMAIN/health"; else default_url=http://127.0.0.1:8000/health; fi
url=${1:-$default_url}
timeout=${2:-60}
interval=${HEALTH_CHECK_INTERVAL:-2}
[[ $url =~ ^https?:// ]] || { echo "health-check: URL must start with http:// or https://: $url" >&2; exit 2; }
[[ $timeout =~ ^[0-9]+$ ]] || { echo "health-check: TIMEOUT_SECONDS must be a whole number: $timeout" >&2; exit 2; }
[[ $interval =~ ^[1-9][0-9]*$ ]] || { echo "health-check: HEALTH_CHECK_INTERVAL must be a positive whole number" >&2; exit 2; }
command -v curl >/dev/null || { echo "health-check: curl is not installed" >&2; exit 2; }

deadline=$((SECONDS + timeout))
last='no answer yet'
while :; do
  if body=$(curl --silent --show-error --max-time 5 --write-out '\n%{http_code}' "$url" 2>&1); then
    status=${body##*$'\n'}
    body=${body%$'\n'*}
    if [ "$status" = 200 ] && { [[ $url != */health ]] || [ "$(tr -d ' \n' <<<"$body")" = '{"status":"ok"}' ]; }; then
      echo "healthy: $url"
      exit 0
    fi
    last="HTTP $status: ${body:0:200}"
  else
    last=${body%$'\n'*}
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "health-check: $url is not healthy after ${timeout}s; last answer: $last" >&2
    exit 1
  fi
  sleep "$interval"
done
