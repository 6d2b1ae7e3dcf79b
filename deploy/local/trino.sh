#!/usr/bin/env bash
# A local Trino 476 over Keyline's embedded catalog: read-only, with Keyline's views.
#
#   deploy/local/trino.sh start [--warehouse DIR | --catalog FILE] [--port PORT] [--home DIR] [--maintenance]
#   deploy/local/trino.sh maintain [--port PORT] [--home DIR] [--retention DURATION]
#   deploy/local/trino.sh stop  [--home DIR]
#
# start unpacks Trino (io.trino:trino-server:476 from Maven Central, through the Maven wrapper
# and its local repository) under --home, points its Iceberg catalog `keyline` at the embedded
# catalog of --warehouse (default ./keyline-data, the demo's) or at the JDBC catalog of
# Keyline's catalog file --catalog (type=jdbc: uri, jdbc.user, jdbc.password, warehouse),
# creates the views of
# sql/trino/views in the memory catalog `views`, and returns once Trino answers queries. Trino
# needs Java 24 or newer: TRINO_JAVA_HOME, else JAVA_HOME, else the newest JDK under
# /usr/lib/jvm that is new enough.
#
# With --maintenance, start also defines the writable catalog keyline_maintenance over the same
# tables, and maintain compacts every table (optimize: small files and equality deletes merged
# into new files), then expires snapshots and removes orphan files older than --retention
# (default 7d; never shorter than the longest a running job's checkpoint can take).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
version=476
command="${1:-}"
[ $# -gt 0 ] && shift
warehouse="keyline-data"
catalog_file=""
port=8080
home="$root/target/trino"
maintenance=false
retention=7d
while [ $# -gt 0 ]; do
  case "$1" in
    --warehouse) warehouse="$2"; shift 2 ;;
    --catalog) catalog_file="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --home) home="$2"; shift 2 ;;
    --maintenance) maintenance=true; shift ;;
    --retention) retention="$2"; shift 2 ;;
    *) echo "trino.sh: unknown option $1; the options are --warehouse DIR, --port PORT, --home DIR, --maintenance and --retention DURATION." >&2; exit 2 ;;
  esac
done
tables="events credentials identities credential_locations credential_consumers credential_reach usage_daily alerts dead_letters"

fail() { echo "trino.sh: $*" >&2; exit 1; }

stop() {
  if [ -f "$home/trino.pid" ]; then
    kill "$(cat "$home/trino.pid")" 2>/dev/null || true
    rm -f "$home/trino.pid"
  fi
}

# The major version of the JDK at $1, or 0.
jdk_major() {
  local release="$1/release" v
  [ -x "$1/bin/java" ] && [ -f "$release" ] || { echo 0; return; }
  v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
  echo "${v:-0}"
}

trino_java() {
  local candidate best="" best_major=0 major
  for candidate in "${TRINO_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] || continue
    major="$(jdk_major "$candidate")"
    if [ "$major" -ge 24 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  [ -n "$best" ] || fail "Trino $version needs Java 24 or newer; set TRINO_JAVA_HOME to such a JDK."
  echo "$best/bin/java"
}

# The file of a Maven artifact, fetched into the local repository when it is not there yet.
repo=""
artifact() {
  local group="$1" name="$2" ver="$3" type="$4" classifier="${5:-}" file
  if [ -z "$repo" ]; then
    repo="$("$root/mvnw" -q -B help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || true)"
    [ -n "$repo" ] || repo="$HOME/.m2/repository"
  fi
  file="$repo/${group//.//}/$name/$ver/$name-$ver${classifier:+-$classifier}.$type"
  if [ ! -f "$file" ]; then
    "$root/mvnw" -q -B dependency:get -Dtransitive=false \
      -Dartifact="$group:$name:$ver:$type${classifier:+:$classifier}" >&2 \
      || fail "cannot fetch $group:$name:$ver from Maven Central."
  fi
  echo "$file"
}

# Sends one statement through Trino's HTTP protocol, following its pages to the end; on an
# error, prints its message and returns 1.
try_statement() {
  local answer next
  answer="$(sed 's/;[[:space:]]*$//' "$1" | curl -sS -X POST -H 'X-Trino-User: keyline' --data-binary @- \
    "http://localhost:$port/v1/statement")"
  while :; do
    if printf '%s' "$answer" | grep -q '"error"'; then
      printf '%s' "$answer" | sed -n 's/.*"message":"\([^"]*\)".*/\1/p' | head -1
      return 1
    fi
    next="$(printf '%s' "$answer" | sed -n 's/.*"nextUri":"\([^"]*\)".*/\1/p')"
    [ -n "$next" ] || return 0
    answer="$(curl -sS "$next")"
  done
}

statement() {
  local message
  message="$(try_statement "$1")" || fail "$(basename "$1"): $message"
}

maintain() {
  local table step
  [ -f "$home/etc/catalog/keyline_maintenance.properties" ] \
    || fail "Trino under $home was not started with --maintenance."
  for table in $tables; do
    for step in "optimize" \
      "expire_snapshots(retention_threshold => '$retention')" \
      "remove_orphan_files(retention_threshold => '$retention')"; do
      printf 'ALTER TABLE keyline_maintenance.keyline.%s EXECUTE %s' "$table" "$step" > "$home/maintain.sql"
      statement "$home/maintain.sql"
    done
  done
  echo "Compacted every table, and expired snapshots and removed orphan files older than $retention."
}

case "$command" in
  stop) stop; exit 0 ;;
  maintain) command -v curl >/dev/null || fail "curl is needed to talk to Trino; install it."; maintain; exit 0 ;;
  start) ;;
  *) echo "usage: deploy/local/trino.sh start|maintain|stop [--warehouse DIR] [--port PORT] [--home DIR] [--maintenance] [--retention DURATION]" >&2; exit 2 ;;
esac

command -v curl >/dev/null || fail "curl is needed to talk to Trino; install it."
# A property of Keyline's catalog file.
property() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$catalog_file" | tail -1; }

if [ -n "$catalog_file" ]; then
  [ -f "$catalog_file" ] || fail "the catalog file $catalog_file does not exist; check --catalog."
  [ "$(property type)" = jdbc ] || fail "$catalog_file is not type=jdbc; Trino here reads Keyline's JDBC catalogs only."
  url="$(property uri)"
  case "$url" in
    jdbc:postgresql:*) driver=org.postgresql.Driver ;;
    jdbc:sqlite:*) driver=org.sqlite.JDBC ;;
    *) fail "the uri of $catalog_file is neither jdbc:postgresql: nor jdbc:sqlite:." ;;
  esac
  catalog_name="$(property name)"
  catalog_lines="iceberg.jdbc-catalog.catalog-name=${catalog_name:-keyline}
iceberg.jdbc-catalog.driver-class=$driver
iceberg.jdbc-catalog.connection-url=$url
iceberg.jdbc-catalog.connection-user=$(property jdbc.user)
iceberg.jdbc-catalog.connection-password=$(property jdbc.password)
iceberg.jdbc-catalog.default-warehouse-dir=$(property warehouse)"
else
  warehouse="$(cd "$warehouse" 2>/dev/null && pwd)" \
    || fail "the warehouse folder does not exist; run the demo first or check --warehouse."
  [ -f "$warehouse/catalog.db" ] || fail "$warehouse holds no catalog.db; run the demo or keyline run first."
  catalog_lines="iceberg.jdbc-catalog.catalog-name=keyline
iceberg.jdbc-catalog.driver-class=org.sqlite.JDBC
iceberg.jdbc-catalog.connection-url=jdbc:sqlite:$warehouse/catalog.db
iceberg.jdbc-catalog.default-warehouse-dir=file://$warehouse/warehouse"
fi
java="$(trino_java)"
stop

# Trino's own jars and the two plugins Keyline needs. The plugins share jars with others through
# hard links, so those others are unpacked too, and only iceberg and memory are loaded.
server="$home/trino-server-$version"
if [ ! -d "$server/lib" ]; then
  tarball="$(artifact io.trino trino-server "$version" tar.gz)"
  mkdir -p "$home"
  tar -xzf "$tarball" -C "$home" --wildcards "trino-server-$version/lib/*" \
    "trino-server-$version/plugin/iceberg/*" "trino-server-$version/plugin/memory/*" \
    "trino-server-$version/plugin/delta-lake/*" "trino-server-$version/plugin/bigquery/*" \
    "trino-server-$version/plugin/cassandra/*" "trino-server-$version/plugin/clickhouse/*" \
    "trino-server-$version/plugin/hudi/*"
fi
plugins="$home/plugins"
if [ ! -d "$plugins/iceberg" ]; then
  mkdir -p "$plugins"
  cp -al "$server/plugin/iceberg" "$server/plugin/memory" "$plugins/"
  sqlite_version="$(sed -n 's:.*<sqlite.version>\(.*\)</sqlite.version>.*:\1:p' "$root/pom.xml")"
  cp "$(artifact org.xerial sqlite-jdbc "$sqlite_version" jar)" "$plugins/iceberg/"
fi

etc="$home/etc"
mkdir -p "$etc/catalog" "$home/data"
cat > "$etc/config.properties" <<EOF
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$port
discovery.uri=http://localhost:$port
query.max-memory=1GB
query.max-memory-per-node=1GB
EOF
cat > "$etc/node.properties" <<EOF
node.environment=keyline
node.id=keyline-local
node.data-dir=$home/data
EOF
cat > "$etc/catalog/keyline.properties" <<EOF
connector.name=iceberg
iceberg.catalog.type=jdbc
$catalog_lines
iceberg.jdbc-catalog.schema-version=V1
fs.hadoop.enabled=true
iceberg.security=read_only
EOF
echo "connector.name=memory" > "$etc/catalog/views.properties"
rm -f "$etc/catalog/keyline_maintenance.properties"
if [ "$maintenance" = true ]; then
  # The same tables, writable, for maintenance only; how short a retention is, is left to maintain.
  grep -v '^iceberg.security=' "$etc/catalog/keyline.properties" \
    > "$etc/catalog/keyline_maintenance.properties"
  printf '%s\n' iceberg.expire-snapshots.min-retention=0s iceberg.remove-orphan-files.min-retention=0s \
    >> "$etc/catalog/keyline_maintenance.properties"
fi

(
  cd "$home"
  nohup "$java" -Xmx2G -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djdk.attach.allowAttachSelf=true \
    -XX:+EnableDynamicAgentLoading --add-opens=java.base/java.nio=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow \
    -Dconfig="$etc/config.properties" -Dnode.environment=keyline \
    -Dcatalog.config-dir="$etc/catalog" -Dplugin.dir="$plugins" \
    -cp "$server/lib/*" io.trino.server.TrinoServer > "$home/trino.log" 2>&1 &
  echo $! > "$home/trino.pid"
)

for _ in $(seq 1 120); do
  if curl -s "http://localhost:$port/v1/info" | grep -q '"starting":false'; then
    # The coordinator is up before it has announced itself as a worker: wait for a scan.
    printf 'SELECT count(*) FROM keyline.keyline.credentials' > "$home/ready.sql"
    for _ in $(seq 1 60); do
      try_statement "$home/ready.sql" > /dev/null && break
      sleep 1
    done
    printf 'CREATE SCHEMA IF NOT EXISTS views.keyline' > "$home/schema.sql"
    statement "$home/schema.sql"
    for view in "$root"/sql/trino/views/*.sql; do
      statement "$view"
    done
    [ -f "$home/trino-cli.jar" ] || cp "$(artifact io.trino trino-cli "$version" jar executable)" "$home/trino-cli.jar"
    stop_command="deploy/local/trino.sh stop"
    [ "$home" = "$root/target/trino" ] || stop_command="$stop_command --home $home"
    echo "Trino $version is up on http://localhost:$port: catalog keyline (read-only), views in views.keyline."
    echo "Query it with its command line, for example:"
    echo "  java -jar $home/trino-cli.jar --server localhost:$port --catalog views --schema keyline \\"
    echo "    --execute 'SELECT owner, team, credential_id FROM unused_privileged_credentials'"
    echo "Its log: $home/trino.log. Stop it with: $stop_command"
    exit 0
  fi
  kill -0 "$(cat "$home/trino.pid")" 2>/dev/null || fail "Trino exited; see $home/trino.log."
  sleep 1
done
fail "Trino did not come up within two minutes; see $home/trino.log."
