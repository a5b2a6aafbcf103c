# shellcheck shell=bash
# The deploy command's grammar. Shared by bin/deploy (as root) and
# bin/deploy-ssh (as the deploy user, before sudo), so a request is checked
# twice, word by word, before anything runs. Every word must match a strict
# pattern: app names per the contract, tags, image repositories, host names,
# pull-request numbers. Nothing is ever evaluated by a shell.
# Needs common.sh (usage_error, validate_app_name).

DEPLOY_USAGE='usage:
  deploy <app> <tag> --repo <image-repo> --domain <host> [--registry-user <user>]
  rollback <app> <tag> [--registry-user <user>]
  preview <app> <pr> <tag> --repo <image-repo> --preview-domain <domain> [--registry-user <user>]
  preview-down <app> <pr>
  preview-sweep <app> [<open pr>...]
  status <app>'

# Longest request accepted over SSH, and most words in one.
DEPLOY_MAX_COMMAND_LENGTH=2048
DEPLOY_MAX_WORDS=64

# A value as it may appear in a message: printable, at most 80 characters.
deploy_quote() {
  local value=${1//[^[:print:]]/?}
  [ ${#value} -le 80 ] || value="${value:0:77}..."
  printf "'%s'" "$value"
}

deploy_usage_error() {
  usage_error "$1
$DEPLOY_USAGE"
}

# Splits an SSH request (SSH_ORIGINAL_COMMAND) into DEPLOY_WORDS. Only
# letters, digits, spaces and . _ - / : are accepted, so there is nothing a
# shell would interpret: no quotes, $, ;, |, &, redirections, globs, newlines.
deploy_split_command() {
  local command=$1
  [ ${#command} -le "$DEPLOY_MAX_COMMAND_LENGTH" ] ||
    deploy_usage_error "the request is longer than $DEPLOY_MAX_COMMAND_LENGTH characters"
  if [[ $command =~ [^A-Za-z0-9\ ._/:-] ]]; then
    deploy_usage_error "the request contains $(deploy_quote "${BASH_REMATCH[0]}"): only letters, digits, spaces and . _ - / : are accepted"
  fi
  read -r -a DEPLOY_WORDS <<<"$command"
  [ ${#DEPLOY_WORDS[@]} -gt 0 ] || deploy_usage_error "empty request"
}

deploy_check_tag() {
  [[ $1 =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] ||
    deploy_usage_error "invalid image tag $(deploy_quote "$1"): letters, digits, _ . - (not first), at most 128 characters, e.g. a commit SHA"
}

deploy_check_pr() {
  [[ $1 =~ ^[1-9][0-9]{0,8}$ ]] ||
    deploy_usage_error "invalid pull-request number $(deploy_quote "$1"): a positive whole number"
}

# registry[:port]/path, lowercase, as Docker accepts it; no "..", no empty parts.
deploy_check_repo() {
  local component='[a-z0-9]+([._-][a-z0-9]+)*'
  if [ ${#1} -gt 200 ] || ! [[ $1 =~ ^$component(:[0-9]{1,5})?(/$component)+$ ]]; then
    deploy_usage_error "invalid image repository $(deploy_quote "$1"): lowercase registry/path without a tag, e.g. ghcr.io/owner/repo"
  fi
}

deploy_check_domain() {
  local label='[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?'
  if [ ${#1} -gt 200 ] || ! [[ $1 =~ ^($label\.)+[a-z]{2,63}$ ]]; then
    deploy_usage_error "invalid host name $(deploy_quote "$1"): lowercase, e.g. app.example.com"
  fi
}

deploy_check_user() {
  [[ $1 =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$ ]] ||
    deploy_usage_error "invalid registry user $(deploy_quote "$1")"
}

# Preview apps are <app>-pr-<n>; only the preview commands manage them.
deploy_check_production_app() {
  validate_app_name "$1"
  [[ ! $1 =~ -pr-[0-9]+$ ]] ||
    deploy_usage_error "$(deploy_quote "$1") is a preview's name; use preview or preview-down for previews"
}

# Parses "$@" into DEPLOY_ACTION, DEPLOY_APP, DEPLOY_TAG, DEPLOY_PR,
# DEPLOY_REPO, DEPLOY_DOMAIN, DEPLOY_PREVIEW_DOMAIN, DEPLOY_REGISTRY_USER and
# DEPLOY_OPEN_PRS (array). Exits 2 with a message on anything unexpected.
deploy_parse() {
  DEPLOY_ACTION='' DEPLOY_APP='' DEPLOY_TAG='' DEPLOY_PR='' DEPLOY_REPO='' DEPLOY_DOMAIN=''
  DEPLOY_PREVIEW_DOMAIN='' DEPLOY_REGISTRY_USER=''
  DEPLOY_OPEN_PRS=()
  [ $# -gt 0 ] || deploy_usage_error "no command given"
  [ $# -le "$DEPLOY_MAX_WORDS" ] || deploy_usage_error "too many arguments ($#)"
  DEPLOY_ACTION=$1
  shift
  local positional=() allowed_options=''
  case "$DEPLOY_ACTION" in
    deploy) allowed_options='--repo --domain --registry-user' ;;
    rollback) allowed_options='--registry-user' ;;
    preview) allowed_options='--repo --preview-domain --registry-user' ;;
    preview-down | preview-sweep | status) ;;
    *) deploy_usage_error "unknown command $(deploy_quote "$DEPLOY_ACTION")" ;;
  esac
  while [ $# -gt 0 ]; do
    case "$1" in
      --*)
        [[ " $allowed_options " == *" $1 "* ]] ||
          deploy_usage_error "$DEPLOY_ACTION does not take the option $(deploy_quote "$1")"
        [ $# -ge 2 ] || deploy_usage_error "option $1 needs a value"
        case "$1" in
          --repo) [ -z "$DEPLOY_REPO" ] || deploy_usage_error "--repo given twice"; DEPLOY_REPO=$2 ;;
          --domain) [ -z "$DEPLOY_DOMAIN" ] || deploy_usage_error "--domain given twice"; DEPLOY_DOMAIN=$2 ;;
          --preview-domain) [ -z "$DEPLOY_PREVIEW_DOMAIN" ] || deploy_usage_error "--preview-domain given twice"; DEPLOY_PREVIEW_DOMAIN=$2 ;;
          --registry-user) [ -z "$DEPLOY_REGISTRY_USER" ] || deploy_usage_error "--registry-user given twice"; DEPLOY_REGISTRY_USER=$2 ;;
        esac
        shift 2
        ;;
      -*) deploy_usage_error "unknown option $(deploy_quote "$1")" ;;
      *) positional+=("$1"); shift ;;
    esac
  done

  local count=${#positional[@]}
  case "$DEPLOY_ACTION" in
    deploy | rollback)
      [ "$count" -eq 2 ] || deploy_usage_error "$DEPLOY_ACTION takes <app> <tag> ($count arguments given)"
      DEPLOY_APP=${positional[0]} DEPLOY_TAG=${positional[1]}
      deploy_check_production_app "$DEPLOY_APP"
      deploy_check_tag "$DEPLOY_TAG"
      ;;
    preview)
      [ "$count" -eq 3 ] || deploy_usage_error "preview takes <app> <pr> <tag> ($count arguments given)"
      DEPLOY_APP=${positional[0]} DEPLOY_PR=${positional[1]} DEPLOY_TAG=${positional[2]}
      deploy_check_production_app "$DEPLOY_APP"
      deploy_check_pr "$DEPLOY_PR"
      deploy_check_tag "$DEPLOY_TAG"
      ;;
    preview-down)
      [ "$count" -eq 2 ] || deploy_usage_error "preview-down takes <app> <pr> ($count arguments given)"
      DEPLOY_APP=${positional[0]} DEPLOY_PR=${positional[1]}
      deploy_check_production_app "$DEPLOY_APP"
      deploy_check_pr "$DEPLOY_PR"
      ;;
    preview-sweep)
      [ "$count" -ge 1 ] || deploy_usage_error "preview-sweep takes <app> [<open pr>...]"
      DEPLOY_APP=${positional[0]}
      deploy_check_production_app "$DEPLOY_APP"
      local pr
      for pr in "${positional[@]:1}"; do
        deploy_check_pr "$pr"
        DEPLOY_OPEN_PRS+=("$pr")
      done
      ;;
    status)
      [ "$count" -eq 1 ] || deploy_usage_error "status takes <app> ($count arguments given)"
      DEPLOY_APP=${positional[0]}
      validate_app_name "$DEPLOY_APP"
      ;;
  esac

  case "$DEPLOY_ACTION" in
    deploy)
      [ -n "$DEPLOY_REPO" ] || deploy_usage_error "deploy needs --repo <image-repo>"
      [ -n "$DEPLOY_DOMAIN" ] || deploy_usage_error "deploy needs --domain <host>"
      ;;
    preview)
      [ -n "$DEPLOY_REPO" ] || deploy_usage_error "preview needs --repo <image-repo>"
      [ -n "$DEPLOY_PREVIEW_DOMAIN" ] || deploy_usage_error "preview needs --preview-domain <domain>"
      ;;
  esac
  if [ -n "$DEPLOY_REPO" ]; then deploy_check_repo "$DEPLOY_REPO"; fi
  if [ -n "$DEPLOY_DOMAIN" ]; then deploy_check_domain "$DEPLOY_DOMAIN"; fi
  if [ -n "$DEPLOY_PREVIEW_DOMAIN" ]; then deploy_check_domain "$DEPLOY_PREVIEW_DOMAIN"; fi
  if [ -n "$DEPLOY_REGISTRY_USER" ]; then deploy_check_user "$DEPLOY_REGISTRY_USER"; fi
  if [ "$DEPLOY_ACTION" = preview ]; then
    validate_app_name "$DEPLOY_APP-pr-$DEPLOY_PR"
    deploy_check_domain "pr-$DEPLOY_PR.$DEPLOY_PREVIEW_DOMAIN"
  fi
  return 0
}
