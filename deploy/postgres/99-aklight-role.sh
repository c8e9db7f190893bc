#!/usr/bin/env bash
# The role the silos connect as: it owns AKLight's database and every table and function of sql/*.sql,
# and nothing else: no superuser, no CREATEDB, no CREATEROLE, no replication. Run as a superuser after the
# schema scripts: the postgres image runs it from /docker-entrypoint-initdb.d (last, after sql/*.sql) with
# POSTGRES_USER (the superuser) and POSTGRES_DB; by hand, with psql's PG* variables pointing at the server:
#
#   AKLIGHT_POSTGRES_PASSWORD=... POSTGRES_USER=postgres POSTGRES_DB=aklight PGHOST=127.0.0.1 deploy/postgres/99-aklight-role.sh
#
# Re-runnable: it creates the role or resets its password and attributes, and hands over what the schema made.
set -euo pipefail
: "${AKLIGHT_POSTGRES_PASSWORD:?the aklight role needs a password (AKLIGHT_POSTGRES_PASSWORD; deploy/init-secrets.sh writes it to .env)}"
role="${AKLIGHT_POSTGRES_ROLE:-aklight}"
database="${POSTGRES_DB:-aklight}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "${POSTGRES_USER:-postgres}" --dbname "$database" \
  --set role="$role" --set password="$AKLIGHT_POSTGRES_PASSWORD" --set database="$database" <<'SQL'
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
ALTER DATABASE :"database" OWNER TO :"role";
-- Only the owner (and superusers) may connect; the other roles of the server have no business here.
REVOKE CONNECT, TEMPORARY ON DATABASE :"database" FROM PUBLIC;
-- Every table (with its indexes and sequences) and function that sql/*.sql made in schema public.
SELECT format('ALTER TABLE public.%I OWNER TO %I', c.relname, :'role')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') \gexec
SELECT format('ALTER SEQUENCE public.%I OWNER TO %I', c.relname, :'role')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind = 'S'
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) \gexec
SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'role')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' \gexec
SQL
echo "role $role owns database $database and its tables (not a superuser, cannot create databases or roles)"
