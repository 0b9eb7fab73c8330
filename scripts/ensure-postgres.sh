#!/usr/bin/env bash
# Make sure a PostgreSQL server answers for the tests marked `postgres`.
# Uses the one at TOUSU_TEST_POSTGRES_URL (default: 127.0.0.1:5432, database test) when it answers;
# otherwise, as root, installs Debian's postgresql and starts it with trust auth on 127.0.0.1:5432.
set -euo pipefail
url="${TOUSU_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}"

answers() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -d "$url"; }

if answers; then
  echo "PostgreSQL answers at ${url%%\?*}"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "No PostgreSQL answers at $url, and installing one needs root." >&2
  echo "Start a server or set TOUSU_TEST_POSTGRES_URL, then run the tests again." >&2
  exit 1
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "Installing Debian's postgresql ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf=/etc/postgresql/$version/main
if [ -n "$version" ] && ! grep -q "tousu-test" "$conf/pg_hba.conf" 2>/dev/null; then
  { echo "# tousu-test: trust local connections for the test suite";
    echo "local all all trust"; echo "host all all 127.0.0.1/32 trust"; echo "host all all ::1/128 trust"; } \
    | cat - "$conf/pg_hba.conf" > /tmp/pg_hba.conf && cp /tmp/pg_hba.conf "$conf/pg_hba.conf"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster --skip-systemctl-redirect "$version" main restart
for _ in $(seq 1 30); do answers && break; sleep 1; done
psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test"
answers && echo "PostgreSQL started at $url"
