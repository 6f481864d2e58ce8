#!/usr/bin/env bash
# Starts a loopback PostgreSQL for tests (idempotent) and prints its DATABASE_URL.
set -euo pipefail
PGPORT=${PGPORT:-54329}; PGDATA=${PGDATA:-/tmp/kumo-pgdata}; DB=${DB:-kumo}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
if ! "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
  rm -rf "$PGDATA" && install -d -o postgres -g postgres -m 700 "$PGDATA"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c max_connections=200" >/dev/null
fi
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
"${PSQL[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='$DB'" | grep -q 1 || "${PSQL[@]}" -c "CREATE ROLE $DB LOGIN PASSWORD '$DB' CREATEDB SUPERUSER"
"${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 || "${PSQL[@]}" -c "CREATE DATABASE $DB OWNER $DB"
echo "postgres://$DB:$DB@127.0.0.1:$PGPORT/$DB"
