# shellcheck shell=bash
# The object store: one account and one bucket per app.
#
# versitygw (default): accounts through its admin API (`versitygw admin`,
# TOWLION_S3_ADMIN_ENDPOINT), bucket created by the admin and owned by the
# app's account, which has the role "user" (cannot create or see other
# buckets). MinIO (TOWLION_OBJECT_STORE=minio): `mc admin` with a per-app
# policy limited to the app's bucket.
#
# Objects are copied and deleted with rclone, configured through environment
# variables of a remote named "towlions3" (no config file, no keys on a
# command line).

s3_require_settings() {
  TOWLION_S3_REGION=${TOWLION_S3_REGION:-us-east-1}
  require_setting TOWLION_S3_ENDPOINT TOWLION_S3_ROOT_ACCESS_KEY TOWLION_S3_ROOT_SECRET_KEY
  if [ "$TOWLION_OBJECT_STORE" = versitygw ]; then require_setting TOWLION_S3_ADMIN_ENDPOINT; fi
}

# --- versitygw ------------------------------------------------------------

versitygw_admin() {
  local output
  output=$(ADMIN_ACCESS_KEY=$TOWLION_S3_ROOT_ACCESS_KEY ADMIN_SECRET_KEY=$TOWLION_S3_ROOT_SECRET_KEY \
    ADMIN_ENDPOINT_URL=$TOWLION_S3_ADMIN_ENDPOINT ADMIN_REGION=$TOWLION_S3_REGION \
    in_service s3 "ADMIN_ACCESS_KEY ADMIN_SECRET_KEY ADMIN_ENDPOINT_URL ADMIN_REGION" \
    versitygw admin "$@" 2>&1) && {
    printf '%s\n' "$output"
    return 0
  }
  printf '%s\n' "$output"
  return 1
}

versitygw_apply_account() {
  local account=$1 secret=$2 output
  if output=$(versitygw_admin create-user --access "$account" --secret "$secret" --role user); then return 0; fi
  grep -q XAdminUserExists <<<"$output" || {
    printf 'object store: %s\n' "$output" >&2
    return 1
  }
  output=$(versitygw_admin update-user --access "$account" --secret "$secret" --role user) || {
    printf 'object store: %s\n' "$output" >&2
    return 1
  }
}

versitygw_apply_bucket() {
  local bucket=$1 owner=$2 output
  if output=$(versitygw_admin create-bucket --bucket "$bucket" --owner "$owner"); then return 0; fi
  grep -Eq 'BucketAlreadyOwnedByYou|BucketAlreadyExists' <<<"$output" || {
    printf 'object store: %s\n' "$output" >&2
    return 1
  }
  # An existing bucket (an earlier, partial run) is handed to the app's account.
  output=$(versitygw_admin change-bucket-owner --bucket "$bucket" --owner "$owner") || {
    printf 'object store: %s\n' "$output" >&2
    return 1
  }
}

versitygw_account_exists() {
  versitygw_admin list-users | awk 'NR > 2 { print $1 }' | grep -qx -- "$1"
}

versitygw_bucket_exists() {
  versitygw_admin list-buckets | awk 'NR > 2 { print $1 }' | grep -qx -- "$1"
}

versitygw_delete_account() {
  local output
  output=$(versitygw_admin delete-user --access "$1") || {
    printf 'object store: %s\n' "$output" >&2
    return 1
  }
}

# --- MinIO (selectable; see README for what is tested) --------------------

# mc reads the alias "towlion" from MC_HOST_towlion; the URL carries the keys,
# so it is passed by name, never on the command line.
minio_admin() {
  local scheme=${TOWLION_S3_ENDPOINT%%://*} hostport=${TOWLION_S3_ENDPOINT#*://}
  MC_HOST_towlion="$scheme://$TOWLION_S3_ROOT_ACCESS_KEY:$TOWLION_S3_ROOT_SECRET_KEY@$hostport" \
    in_service s3 "MC_HOST_towlion" mc --quiet "$@"
}

minio_policy() {
  local bucket=$1
  cat <<JSON
{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":["s3:GetBucketLocation","s3:ListBucket","s3:ListBucketMultipartUploads"],"Resource":["arn:aws:s3:::$bucket"]},
 {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject","s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],"Resource":["arn:aws:s3:::$bucket/*"]}]}
JSON
}

minio_apply() {
  local account=$1 secret=$2 bucket=$3
  # `mc admin user add` reads the secret from stdin when it is not given.
  printf '%s\n%s\n' "$account" "$secret" | minio_admin admin user add towlion >/dev/null
  minio_admin mb --ignore-existing "towlion/$bucket" >/dev/null
  minio_policy "$bucket" | minio_admin admin policy create towlion "$account" /dev/stdin >/dev/null
  minio_admin admin policy attach towlion "$account" --user "$account" >/dev/null 2>&1 || true
}

minio_delete() {
  local account=$1 bucket=$2
  minio_admin rb --force "towlion/$bucket" >/dev/null 2>&1 || true
  minio_admin admin user remove towlion "$account" >/dev/null 2>&1 || true
  minio_admin admin policy remove towlion "$account" >/dev/null 2>&1 || true
}

# --- store-independent ----------------------------------------------------

s3_apply_app() {
  local account=$1 secret=$2 bucket=$3
  if [ "$TOWLION_OBJECT_STORE" = minio ]; then
    minio_apply "$account" "$secret" "$bucket"
    return
  fi
  versitygw_apply_account "$account" "$secret"
  versitygw_apply_bucket "$bucket" "$account"
}

s3_app_exists() {
  local account=$1 bucket=$2
  if [ "$TOWLION_OBJECT_STORE" = minio ]; then
    minio_admin admin user info towlion "$account" >/dev/null 2>&1
    return
  fi
  versitygw_account_exists "$account" || versitygw_bucket_exists "$bucket"
}

s3_delete_app() {
  local account=$1 bucket=$2
  if [ "$TOWLION_OBJECT_STORE" = minio ]; then
    minio_delete "$account" "$bucket"
    return
  fi
  if versitygw_bucket_exists "$bucket"; then
    s3_rclone purge "towlions3:$bucket"
  fi
  if versitygw_account_exists "$account"; then versitygw_delete_account "$account"; fi
}

# The S3 endpoint as this host reaches it. On a server the object store
# publishes no port, so the container's address on the towlion network is used.
s3_host_endpoint() {
  if [ "$TOWLION_RUNTIME" = native ]; then
    printf '%s' "$TOWLION_S3_ENDPOINT"
    return
  fi
  local address
  address=$(docker inspect -f '{{with index .NetworkSettings.Networks "towlion"}}{{.IPAddress}}{{end}}' "$(service_container s3)") ||
    die "cannot find the object store container $(service_container s3)"
  printf 'http://%s:9000' "$address"
}

# rclone with the root account as remote "towlions3:" (other remotes, for
# off-site copies, come from TOWLION_RCLONE_CONFIG or RCLONE_CONFIG_<NAME>_*
# variables). AWS_CA_BUNDLE is
# handed to rclone as its own CA setting, because rclone 1.60 refuses to
# start with AWS_CA_BUNDLE set.
s3_rclone() {
  local ca=${RCLONE_CA_CERT:-${AWS_CA_BUNDLE:-}} extra=()
  [ -z "$ca" ] || extra+=("RCLONE_CA_CERT=$ca")
  env -u AWS_CA_BUNDLE "${extra[@]}" \
    RCLONE_CONFIG="${TOWLION_RCLONE_CONFIG:-/dev/null}" \
    RCLONE_CONFIG_TOWLIONS3_TYPE=s3 \
    RCLONE_CONFIG_TOWLIONS3_PROVIDER=Other \
    RCLONE_CONFIG_TOWLIONS3_ENDPOINT="$(s3_host_endpoint)" \
    RCLONE_CONFIG_TOWLIONS3_REGION="$TOWLION_S3_REGION" \
    RCLONE_CONFIG_TOWLIONS3_ACCESS_KEY_ID="$TOWLION_S3_ROOT_ACCESS_KEY" \
    RCLONE_CONFIG_TOWLIONS3_SECRET_ACCESS_KEY="$TOWLION_S3_ROOT_SECRET_KEY" \
    RCLONE_CONFIG_TOWLIONS3_FORCE_PATH_STYLE=true \
    RCLONE_CONFIG_TOWLIONS3_NO_CHECK_BUCKET=true \
    rclone --retries 2 --low-level-retries 3 --contimeout 10s --timeout 60s "$@"
}

# Buckets to copy off-site: the apps' ("*-uploads"), or those matching
# TOWLION_OFFSITE_BUCKET_REGEX (an extended regular expression).
s3_app_buckets() {
  local listing
  listing=$(s3_rclone lsf --dirs-only towlions3:) || return 1
  awk '{ sub("/$", ""); print }' <<<"$listing" | grep -E -- "${TOWLION_OFFSITE_BUCKET_REGEX:--uploads\$}" || true
}
