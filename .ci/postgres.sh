#!/usr/bin/env bash
# Installs (Debian package) and starts a local PostgreSQL for the sandbox's PostgreSQL path, and
# prints the DATABASE_URL to use. Idempotent: safe to run when it is already installed or running.
# `--url` only prints the URL (what .ci/run exports before the install has finished).
set -euo pipefail
url="postgres://layers:layers@127.0.0.1:5432/layers_sandbox"
if [ "${1:-}" = "--url" ]; then echo "$url"; exit 0; fi
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then pg_createcluster "$version" main >&2; fi
pg_ctlcluster "$version" main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='layers'\" | grep -q 1 || psql -q -c \"CREATE ROLE layers LOGIN SUPERUSER PASSWORD 'layers'\"" >&2
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='layers_sandbox'\" | grep -q 1 || createdb -O layers layers_sandbox" >&2
echo "$url"
