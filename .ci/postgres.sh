#!/usr/bin/env bash
# Usage: source .ci/postgres.sh
#
# Makes a PostgreSQL server available for the tune module's tests and exports the URL they read:
#   LOOKAHEAD_TEST_PG_URL=postgresql://lookahead:lookahead@127.0.0.1:<port>/lookahead_test
# 1. installs PostgreSQL from Debian packages when no server binaries are found (apt-get; needs root or sudo);
# 2. creates a private cluster (default /tmp/lookahead-pg, owned by user postgres when run as root) and starts it
#    on 127.0.0.1:${LOOKAHEAD_PG_PORT:-55432} (a port of its own, so a system cluster on 5432 does not clash);
# 3. creates the login role `lookahead` (password `lookahead`) and the database `lookahead_test`.
# Idempotent: a second run finds everything in place and only exports the variable. Works when sourced from a
# shell with `set -euo pipefail` (it never exits the caller; failures return non-zero).

_lookahead_pg_setup() (
  set -euo pipefail
  port="${LOOKAHEAD_PG_PORT:-55432}"
  dir="${LOOKAHEAD_PG_DIR:-/tmp/lookahead-pg}"
  log() { echo "postgres.sh: $*" >&2; }

  find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
  bin="$(find_bin)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    log "installing PostgreSQL from Debian packages"
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || { log "not root and no sudo: install postgresql yourself"; return 1; }
      sudo_cmd="sudo"
    fi
    $sudo_cmd apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >&2
    bin="$(find_bin)"
    [ -n "$bin" ] || { log "PostgreSQL binaries not found after install"; return 1; }
  fi

  # run a server command as the cluster owner: user postgres when we are root (initdb refuses root)
  as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u postgres -- "$@"
    else
      "$@"
    fi
  }

  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /bin/sh postgres
    chown postgres:postgres "$dir"
  fi
  chmod 700 "$dir"
  data="$dir/data"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
           --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1
  fi
  if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$port"
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off" start >&2
  fi
  psql_su() { as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [ "$(psql_su -c "SELECT 1 FROM pg_roles WHERE rolname = 'lookahead'")" != "1" ]; then
    psql_su -c "CREATE ROLE lookahead LOGIN PASSWORD 'lookahead'"
  fi
  if [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname = 'lookahead_test'")" != "1" ]; then
    psql_su -c "CREATE DATABASE lookahead_test OWNER lookahead"
  fi
  echo "postgresql://lookahead:lookahead@127.0.0.1:$port/lookahead_test"
)

if _lookahead_pg_url="$(_lookahead_pg_setup)"; then
  export LOOKAHEAD_TEST_PG_URL="$_lookahead_pg_url"
  echo "LOOKAHEAD_TEST_PG_URL=$LOOKAHEAD_TEST_PG_URL"
  unset _lookahead_pg_url
else
  echo "postgres.sh: PostgreSQL setup failed (see messages above)" >&2
  unset _lookahead_pg_url
  false
fi
