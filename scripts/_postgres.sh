# Sourced by scripts/test: a running PostgreSQL with a test role and database.
# Usage: ensure_postgres  (then $ZELFSCAN_TEST_POSTGRES_URL names the test database)
set -euo pipefail

PG_TEST_ROLE=zelfscan_test
PG_TEST_DB=zelfscan_test

as_postgres() {
  # from / : the postgres user may not enter the current folder
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && sudo -u postgres "$@"); fi
}

ensure_postgres() {
  if ! command -v pg_lsclusters >/dev/null; then
    echo "Installing Debian's postgresql for the PostgreSQL test run." >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
  fi
  local version cluster port status
  read -r version cluster port status _ < <(pg_lsclusters --no-header | head -1)
  if [ -z "${version:-}" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    as_root pg_createcluster "$version" main >/dev/null
    read -r version cluster port status _ < <(pg_lsclusters --no-header | head -1)
  fi
  if [ "$status" != "online" ]; then
    as_root pg_ctlcluster "$version" "$cluster" start
  fi
  # The test role may create databases: each browser-test server gets a fresh one.
  as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_TEST_ROLE') THEN
    CREATE ROLE $PG_TEST_ROLE LOGIN CREATEDB PASSWORD '$PG_TEST_ROLE';
  END IF;
END \$\$;
-- Dropping a test database WITH (FORCE) may have to end an autovacuum worker in it (a superuser
-- process); without this the drop fails now and then with "must be a member of ... pg_signal_backend".
GRANT pg_signal_backend TO $PG_TEST_ROLE;
SQL
  if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_TEST_DB'" | grep -q 1; then
    as_postgres createdb -p "$port" -O "$PG_TEST_ROLE" "$PG_TEST_DB"
  fi
  export ZELFSCAN_TEST_POSTGRES_URL="postgresql+psycopg://$PG_TEST_ROLE:$PG_TEST_ROLE@127.0.0.1:$port/$PG_TEST_DB"
}
