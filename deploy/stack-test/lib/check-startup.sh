# Sourced. The stack as started: the schema applied by the postgres image, both silos active members of
# the cluster, and each silo's web console, HTTP API and dashboard answering.

psql_stack() { # SQL -> rows, fields separated by '|'
  "$DOCKER" exec "$(container_of postgres)" psql -X -q -A -t -p "$AKLIGHT_POSTGRES_PORT" -U aklight -d aklight -c "$1"
}

check_schema() {
  local pg scripts tables
  pg=$(container_of postgres)
  scripts=$("$DOCKER" logs "$pg" 2>&1 | sed -n 's|^running /docker-entrypoint-initdb.d/||p' | tr '\n' ' ')
  local expected
  # The schema, then the role the silos use (deploy/postgres/99-aklight-role.sh).
  expected="$(cd "$REPO/sql" && ls -- *.sql | tr '\n' ' ')99-aklight-role.sh "
  check "postgres ran sql/*.sql in order at its first start, then the role script: $scripts" -- test "$scripts" = "$expected"
  local role
  role=$(psql_stack "SELECT rolsuper || ',' || rolcreatedb || ',' || rolcreaterole || ',' ||
    (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'aklight') FROM pg_roles WHERE rolname = 'aklight'")
  check "the silos' role aklight is no superuser, cannot create databases or roles, and owns every table (super,createdb,createrole,tables of others: $role)" -- test "$role" = "false,false,false,0"
  tables=$(psql_stack "SELECT string_agg(table_name, ' ' ORDER BY table_name) FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name IN ('orleansquery', 'orleansmembershiptable', 'orleansstorage',
      'orleansreminderstable', 'aklight_topics', 'aklight_partitions', 'aklight_batches', 'aklight_offset_commits')")
  check "schema in place: $tables" -- test "$(wc -w <<< "$tables")" -eq 8
}

# "ADDRESS:PORT STATUS" of every silo in the membership table (3 = active, 6 = dead).
membership() {
  psql_stack "SELECT address || ':' || port || ' ' || status FROM orleansmembershiptable WHERE deploymentid = 'aklight' ORDER BY port, generation"
}

silo_status_is() { # SILO_PORT STATUS
  membership | grep -q ":$1 $2\$"
}

check_members_active() {
  if wait_until 60 silo_status_is "$AKLIGHT_SILO1_PORT" 3 && wait_until 60 silo_status_is "$AKLIGHT_SILO2_PORT" 3; then
    pass "both silos are active cluster members (membership table: $(membership | tr '\n' ',' | sed 's/,$//'))"
  else
    fail "both silos active cluster members"; membership
  fi
}

# The console (HTML), the API (JSON) and the Orleans dashboard on one silo's HTTP port.
http_answers() {
  local port="$1" console topics
  console=$(api "$port" /) && grep -qi '<html' <<< "$console" \
    && topics=$(api "$port" /api/topics) && jq -e '.topics | type == "array"' <<< "$topics" >/dev/null \
    && api "$port" /dashboard/ -o /dev/null
}

check_http() {
  local silo port
  for silo in 1 2; do
    port="AKLIGHT_SILO${silo}_HTTP_PORT"
    check "silo$silo answers on 127.0.0.1:${!port}: web console /, API /api/topics, dashboard /dashboard/" -- http_answers "${!port}"
  done
}
