#!/usr/bin/env bash
# Runs one command of the Towlion server's deploy entry point over SSH, the
# way the workflows do (the deploy key can run nothing else):
#
#   scripts/server.sh status <app>
#   scripts/server.sh deploy <app> <tag> --repo ghcr.io/<owner>/<repo> --domain <host>
#
# Settings, from the environment (in Actions, the repository's secrets):
#   SERVER_HOST      the server's host name or address
#   SERVER_USER      the deploy user (usually "deploy")
#   SERVER_SSH_KEY   the deploy user's private key (its public half is forced to the deploy command)
#   SERVER_HOST_KEY  the server's host key: a known_hosts line, or just "<type> <key>"; get it on
#                    the server with `cat /etc/ssh/ssh_host_ed25519_key.pub`. SSH refuses any other.
#   SERVER_PORT      optional, default 22
# stdin goes to the server (the workflows send the registry token that way).
# Exit codes: the remote command's (0 done, 1 failed, 2 refused); 2 when a setting is missing.
set -euo pipefail

missing=()
for name in SERVER_HOST SERVER_USER SERVER_SSH_KEY SERVER_HOST_KEY; do
  [ -n "${!name:-}" ] || missing+=("$name")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "server.sh: ${missing[*]} not set; add them as Actions secrets (Settings > Secrets and variables > Actions), see README.md (Deploying)" >&2
  exit 2
fi
[ $# -gt 0 ] || { echo "usage: scripts/server.sh <command> [arguments...]" >&2; exit 2; }
port=${SERVER_PORT:-22}
[[ $port =~ ^[0-9]+$ ]] || { echo "server.sh: SERVER_PORT must be a port number" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
printf '%s\n' "$SERVER_SSH_KEY" >"$work/key"
chmod 600 "$work/key"
# A bare "<type> <key>" gets the host name known_hosts expects in front of it.
if [[ $SERVER_HOST_KEY =~ ^(ssh-|ecdsa-|sk-) ]]; then
  if [ "$port" = 22 ]; then host_pattern=$SERVER_HOST; else host_pattern="[$SERVER_HOST]:$port"; fi
  printf '%s %s\n' "$host_pattern" "$SERVER_HOST_KEY" >"$work/known_hosts"
else
  printf '%s\n' "$SERVER_HOST_KEY" >"$work/known_hosts"
fi

# Not exec: the trap must remove the key afterwards.
status=0
ssh -i "$work/key" -p "$port" \
  -o IdentitiesOnly=yes -o BatchMode=yes -o ConnectTimeout=20 -o ServerAliveInterval=30 \
  -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$work/known_hosts" -o GlobalKnownHostsFile=/dev/null \
  "$SERVER_USER@$SERVER_HOST" "$@" || status=$?
exit "$status"
