# Sourced by .ci/test: starts a throw-away PostgreSQL on loopback and exports TINNHIEM_PG_URL.
# Installs Debian's postgresql when it is missing and we may (root). Prints why when it cannot;
# never fails the caller (.ci/test runs under set -euo pipefail): the PostgreSQL tests then skip.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || echo "postgres: apt-get install failed"
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$pg_bin" ]; then
  echo "postgres: no PostgreSQL server on this machine; PostgreSQL tests will say so and skip"
else
  pg_port=${TINNHIEM_PG_PORT:-54329}
  pg_dir=${TMPDIR:-/tmp}/tinnhiem-pg-$pg_port
  pg_user=$(id -un)
  run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  [ "$(id -u)" = 0 ] && pg_user=postgres
  if ! run_pg "$pg_bin/pg_isready -q -h 127.0.0.1 -p $pg_port"; then
    rm -rf "$pg_dir"; mkdir -p "$pg_dir"; [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
    run_pg "$pg_bin/initdb -A trust -U $pg_user -D $pg_dir/data" >/dev/null || echo "postgres: initdb failed"
    run_pg "$pg_bin/pg_ctl -s -w -D $pg_dir/data -l $pg_dir/log -o '-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=on -c max_connections=100' start" || echo "postgres: pg_ctl start failed (see $pg_dir/log)"
  fi
  if run_pg "$pg_bin/pg_isready -q -h 127.0.0.1 -p $pg_port"; then
    run_pg "$pg_bin/createdb -h 127.0.0.1 -p $pg_port -U $pg_user tinnhiem" 2>/dev/null || true
    export TINNHIEM_PG_URL="postgresql+psycopg://$pg_user@127.0.0.1:$pg_port/tinnhiem"
    echo "postgres: $TINNHIEM_PG_URL"
  else
    echo "postgres: the server did not start; PostgreSQL tests will say so and skip"
  fi
fi
