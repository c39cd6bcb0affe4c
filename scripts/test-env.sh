#!/usr/bin/env bash
# Installs and starts what the tests need beyond Python: a PostgreSQL server and Chromium.
# Writes ./.test-env with the variables the tests read. Idempotent; needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)  # opens the Word report
if [ ${#need[@]} -gt 0 ]; then
  echo "test-env: installing ${need[*]} (Debian packages)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" fonts-noto-cjk >/dev/null
fi

# Start the first PostgreSQL cluster there is (creating one if the package made none).
ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q .; then $SUDO pg_createcluster "$ver" main >/dev/null; fi
cluster=$(pg_lsclusters -h | head -n 1)
read -r cver cname cport cstatus _ <<<"$cluster"
if [ "$cstatus" != online ]; then $SUDO pg_ctlcluster "$cver" "$cname" start; fi

# psql as the postgres superuser (runuser when root, sudo otherwise).
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); else as_postgres=(sudo -u postgres); fi
psql_admin() { "${as_postgres[@]}" psql -p "$cport" -qtAX "$@"; }
if [ "$(psql_admin -c "select 1 from pg_roles where rolname='plancockpit'")" != 1 ]; then
  psql_admin -c "create role plancockpit login password 'plancockpit' createdb"
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname='plancockpit_test'")" != 1 ]; then
  psql_admin -c "create database plancockpit_test owner plancockpit"
fi

cat > .test-env <<ENV
export PLANCOCKPIT_TEST_PG=postgresql://plancockpit:plancockpit@127.0.0.1:$cport/plancockpit_test
export PLANCOCKPIT_CHROMIUM=/usr/bin/chromium
ENV
echo "test-env: PostgreSQL $cver on port $cport, Chromium at /usr/bin/chromium, LibreOffice $(command -v soffice)"
