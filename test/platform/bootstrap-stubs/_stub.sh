# shellcheck shell=bash
# Shared by the stubs: record the call.
state=${TOWLION_STUB_STATE:-/var/lib/towlion-stubs}
mkdir -p "$state"
printf '%s %s\n' "$(basename "$0")" "$*" >>"$state/calls.log"
