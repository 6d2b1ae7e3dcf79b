#!/usr/bin/env bash
# A local PostgreSQL server holding Keyline's Iceberg JDBC catalog, and the catalog file that
# points Keyline (run --catalog FILE) and Trino (trino.sh start --catalog FILE) at it.
#
#   deploy/local/postgres.sh start [--home DIR] [--port PORT] [--database NAME]
#   deploy/local/postgres.sh stop  [--home DIR]
#
# start creates a server under --home (default target/postgres) from the machine's PostgreSQL
# installation (Debian's postgresql package: /usr/lib/postgresql/<version>/bin, or PG_BIN), starts
# it on loopback at --port (default 5433, beside a system server on 5432), creates the database
# (default keyline), and writes --home/catalog.properties with the tables' warehouse in
# --home/warehouse. Every local connection is trusted without a password: a server for one
# machine, not to be reached from others. PostgreSQL refuses to run as root, so as root the server
# runs as the user postgres, which must be able to reach --home.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
command="${1:-}"
[ $# -gt 0 ] && shift
home="$root/target/postgres"
port=5433
database=keyline
user=keyline
while [ $# -gt 0 ]; do
  case "$1" in
    --home) home="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    *) echo "postgres.sh: unknown option $1; the options are --home DIR, --port PORT and --database NAME." >&2; exit 2 ;;
  esac
done

fail() { echo "postgres.sh: $*" >&2; exit 1; }

case "$command" in
  start | stop) ;;
  *) echo "usage: deploy/local/postgres.sh start|stop [--home DIR] [--port PORT] [--database NAME]" >&2; exit 2 ;;
esac
[[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || fail "--database takes a name of lower-case letters, digits and _, not '$database'."

# The binaries of the newest PostgreSQL installed, unless PG_BIN names them.
bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -1)"
fi
[ -n "$bin" ] && [ -x "$bin/initdb" ] \
  || fail "PostgreSQL is not installed: install Debian's postgresql package, or set PG_BIN to its bin folder."

# Runs a PostgreSQL command as the server's user.
as_server() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

mkdir -p "$home"
home="$(cd "$home" && pwd)"
data="$home/pgdata"

running() { [ -f "$data/PG_VERSION" ] && as_server "$bin/pg_ctl" -D "$data" status > /dev/null 2>&1; }

if [ "$command" = stop ]; then
  if running; then
    as_server "$bin/pg_ctl" -D "$data" -m fast -w stop > /dev/null
    echo "Stopped PostgreSQL under $home."
  fi
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  id postgres > /dev/null 2>&1 || fail "as root, the server runs as the user postgres, which does not exist."
  chown postgres "$home"
  runuser -u postgres -- test -x "$home" \
    || fail "the user postgres cannot reach $home; choose a --home under a folder others may enter, such as /var/tmp/keyline-postgres."
fi
if [ ! -f "$data/PG_VERSION" ]; then
  as_server "$bin/initdb" -D "$data" -U "$user" -A trust -E UTF8 > "$home/initdb.log" 2>&1 \
    || fail "initdb failed; see $home/initdb.log."
fi
sockets="$home/sockets"
mkdir -p "$sockets"
[ "$(id -u)" = 0 ] && chown postgres "$sockets"
if ! running; then
  [ "$(id -u)" = 0 ] && touch "$home/postgres.log" && chown postgres "$home/postgres.log"
  as_server "$bin/pg_ctl" -D "$data" -l "$home/postgres.log" \
    -o "-p $port -k $sockets -c listen_addresses=localhost" -w start > /dev/null \
    || fail "PostgreSQL did not start (is port $port taken? see --port); see $home/postgres.log."
fi
psql() { as_server "$bin/psql" -h localhost -p "$port" -U "$user" -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  psql -d postgres -c "CREATE DATABASE $database" > /dev/null
fi

mkdir -p "$home/warehouse"
cat > "$home/catalog.properties" <<EOF
# Keyline's Iceberg catalog: JDBC on the PostgreSQL server of deploy/local/postgres.sh.
type=jdbc
uri=jdbc:postgresql://localhost:$port/$database
jdbc.user=$user
jdbc.password=
jdbc.schema-version=V1
warehouse=file://$home/warehouse
EOF
echo "PostgreSQL is up on localhost:$port, database $database. Keyline's catalog file: $home/catalog.properties"
echo "Write the tables into it, and read them with Trino:"
echo "  java -jar jobs/target/keyline.jar run --bounded --input DIR --catalog $home/catalog.properties"
echo "  deploy/local/trino.sh start --catalog $home/catalog.properties"
