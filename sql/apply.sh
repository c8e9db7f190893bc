#!/usr/bin/env bash
# Applies every sql/*.sql to a PostgreSQL database, in lexical order.
#
#   sql/apply.sh postgresql://postgres@127.0.0.1:5432/aklight
#   DATABASE_URL=postgresql://... sql/apply.sh
#
# The scripts are idempotent: re-running them on an initialised database keeps all data.
# Needs psql (libpq) on PATH. The database itself must already exist.
set -euo pipefail

target="${1:-${DATABASE_URL:-}}"
if [ -z "$target" ]; then
  echo "usage: $0 <postgresql://user@host:port/dbname>   (or set DATABASE_URL)" >&2
  exit 2
fi

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LC_ALL=C
shopt -s nullglob
scripts=("$dir"/*.sql)
if [ "${#scripts[@]}" -eq 0 ]; then
  echo "no .sql files in $dir" >&2
  exit 1
fi

for f in "${scripts[@]}"; do
  echo "applying ${f##*/}"
  psql "$target" --no-psqlrc --quiet -v ON_ERROR_STOP=1 -f "$f"
done
