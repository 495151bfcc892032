# Start and stop a throwaway PostgreSQL 15 server for tests. Sourced by
# scripts/test; also usable by hand:
#   source scripts/postgres-throwaway.sh && pg_throwaway_start && echo "$LINKWELL_TEST_POSTGRES_URL"
#   ... && pg_throwaway_stop
#
# The server lives in a temporary folder, listens only on 127.0.0.1 at a free
# port, trusts local connections, and runs with fsync off (it holds nothing
# worth keeping). initdb refuses to run as root, so as root it runs as the
# `postgres` system user.

PG_THROWAWAY_DIR=""
PG_THROWAWAY_BIN=""

pg_throwaway_find_bin() {
  local candidate
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      PG_THROWAWAY_BIN="$candidate"
      return 0
    fi
  done
  return 1
}

# Installs Debian's PostgreSQL 15 if it is missing and we are allowed to.
pg_throwaway_install() {
  pg_throwaway_find_bin && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing PostgreSQL 15 from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null) || true
  fi
  pg_throwaway_find_bin
}

pg_throwaway_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# As root, run PostgreSQL's programs as the postgres user; otherwise as ourselves.
pg_throwaway_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Starts the server and exports LINKWELL_TEST_POSTGRES_URL. Returns non-zero
# (after saying why) when PostgreSQL cannot be found or started.
pg_throwaway_start() {
  if ! pg_throwaway_install; then
    echo "PostgreSQL 15 is not installed and could not be installed." >&2
    return 1
  fi
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --user-group --shell /bin/sh postgres
  fi
  PG_THROWAWAY_DIR=$(mktemp -d /tmp/linkwell-pg.XXXXXX)
  mkdir -p "$PG_THROWAWAY_DIR/data" "$PG_THROWAWAY_DIR/socket"
  chmod 700 "$PG_THROWAWAY_DIR/data"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$PG_THROWAWAY_DIR"; fi
  local port
  port=$(pg_throwaway_free_port)
  if ! pg_throwaway_as_owner "$PG_THROWAWAY_BIN/initdb" -D "$PG_THROWAWAY_DIR/data" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$PG_THROWAWAY_DIR/initdb.log" 2>&1; then
    echo "initdb failed:" >&2; cat "$PG_THROWAWAY_DIR/initdb.log" >&2
    return 1
  fi
  if ! pg_throwaway_as_owner "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_THROWAWAY_DIR/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
    echo "PostgreSQL did not start:" >&2; cat "$PG_THROWAWAY_DIR/server.log" >&2
    return 1
  fi
  export LINKWELL_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  echo "==> Throwaway PostgreSQL $("$PG_THROWAWAY_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_THROWAWAY_DIR)"
}

pg_throwaway_stop() {
  if [ -n "$PG_THROWAWAY_DIR" ] && [ -d "$PG_THROWAWAY_DIR/data" ]; then
    pg_throwaway_as_owner "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_THROWAWAY_DIR"
    PG_THROWAWAY_DIR=""
  fi
}
