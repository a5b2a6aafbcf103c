# shellcheck shell=bash
# An app's credentials file, ${TOWLION_DATA}/apps/<app>/credentials.env:
# the contract's variables, read by the app's containers (env_file). Owned
# by root, mode 600: the deploy user reaches it only through the deploy
# entry point, which runs as root.
#
# Host names are what the app's containers see (the towlion network); they
# come from TOWLION_APP_* settings so tests can point them at loopback ports.

# Sets CRED_DB_PASSWORD, CRED_REDIS_PASSWORD and CRED_S3_SECRET from the
# app's credentials file. Fails when a value is missing or malformed, so a
# damaged file is never silently replaced by new secrets.
credentials_read() {
  local file=$1 line
  CRED_DB_PASSWORD='' CRED_REDIS_PASSWORD='' CRED_S3_SECRET=''
  while IFS= read -r line; do
    case "$line" in
      DATABASE_URL=*) CRED_DB_PASSWORD=$(sed -n 's#^DATABASE_URL=postgresql://[^:/@]*:\([^@]*\)@.*#\1#p' <<<"$line") ;;
      REDIS_URL=*) CRED_REDIS_PASSWORD=$(sed -n 's#^REDIS_URL=redis://[^:/@]*:\([^@]*\)@.*#\1#p' <<<"$line") ;;
      S3_SECRET_KEY=*) CRED_S3_SECRET=${line#S3_SECRET_KEY=} ;;
    esac
  done <"$file"
  local value
  for value in "$CRED_DB_PASSWORD" "$CRED_REDIS_PASSWORD" "$CRED_S3_SECRET"; do
    [[ $value =~ ^[0-9a-f]{32,}$ ]] || return 1
  done
}

credentials_generate() {
  CRED_DB_PASSWORD=$(random_secret 24)
  CRED_REDIS_PASSWORD=$(random_secret 24)
  CRED_S3_SECRET=$(random_secret 24)
}

# Prints the credentials file for app $1 from the CRED_* values.
credentials_render() {
  local app=$1
  local db_host=${TOWLION_APP_DATABASE_HOST:-postgres} db_port=${TOWLION_APP_DATABASE_PORT:-5432}
  local redis_host=${TOWLION_APP_REDIS_HOST:-redis} redis_port=${TOWLION_APP_REDIS_PORT:-6379}
  cat <<ENV
# Credentials of app "$app", written by platform/bin/provision-app.
# Do not edit: run provision-app $app --rotate to change them.
DATABASE_URL=postgresql://$(app_db_user "$app"):$CRED_DB_PASSWORD@$db_host:$db_port/$(app_db_name "$app")
REDIS_URL=redis://$app:$CRED_REDIS_PASSWORD@$redis_host:$redis_port/0
REDIS_KEY_PREFIX=$app:
S3_ENDPOINT=${TOWLION_APP_S3_ENDPOINT:-http://minio:9000}
S3_BUCKET=$(app_bucket "$app")
S3_ACCESS_KEY=$app
S3_SECRET_KEY=$CRED_S3_SECRET
S3_REGION=${TOWLION_S3_REGION:-us-east-1}
ENV
}

credentials_write() {
  local app=$1 dir
  dir=$(app_dir "$app")
  mkdir -p "$dir"
  chmod 700 "$dir"
  credentials_render "$app" | write_file_atomic "$(app_credentials_file "$app")" 600
}
