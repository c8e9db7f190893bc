# Sourced. What the agents publish from the real Engine API: a reading for every running container on
# both hosts, shown in the monitor's table, and restart counts and health as the engine reports them.

HOSTS=(host1 host2)

# An ISO 8601 time with fraction and offset (the agents' "ts") as epoch seconds, in jq.
JQ_EPOCH='def epoch: (sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdateiso8601) + ((capture("\\.(?<f>[0-9]+)") | "0." + .f | tonumber) // 0);'

stack_containers() {
  local service
  for service in postgres silo1 silo2 producer1 producer2 consumer1; do name_of "$(container_of "$service")"; done
}

latest_reading() { # HOST CONTAINER METRIC -> the newest message's payload
  read_last "$AKLIGHT_SILO2_HTTP_PORT" "metrics/docker/$1/$2/$3" | jq -c '.payload'
}

# Every container has a status reading from both agents, taken within the last three intervals.
all_published() {
  local host name now
  now=$(date +%s)
  for host in "${HOSTS[@]}"; do
    for name in "${EXPECTED_CONTAINERS[@]}"; do
      [ "$(latest_reading "$host" "$name" status | jq -r --argjson now "$now" "$JQ_EPOCH"' .ts | epoch > $now - 15')" = true ] || return 1
    done
  done
}

check_published() {
  mapfile -t EXPECTED_CONTAINERS < <(stack_containers; printf '%s\n' "${WORKLOAD[@]}")
  if wait_until 120 all_published; then
    pass "both agents publish fresh readings for all ${#EXPECTED_CONTAINERS[@]} containers: ${EXPECTED_CONTAINERS[*]}"
  else
    fail "both agents publish fresh readings for every container"
    local host name
    for host in "${HOSTS[@]}"; do for name in "${EXPECTED_CONTAINERS[@]}"; do
      echo "        $host/$name: $(latest_reading "$host" "$name" status)"
    done; done
  fi
}

# The monitor draws its table on a terminal; a wide one (resized through the Engine API, as `docker attach`
# does) keeps each row on one line. Prints the table's last drawing, escape sequences removed.
monitor_table() {
  local consumer
  consumer=$(container_of consumer1)
  curl -sS --fail --unix-socket "$ENGINE_SOCKET" -X POST "http://engine/containers/$consumer/resize?h=80&w=250" >/dev/null || return 1
  sleep 3
  # The last drawing: from the last header row on.
  "$DOCKER" logs --tail 80 "$consumer" 2>&1 | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' | tr '\r' '\n' | grep '│' \
    | awk '/│ host +│ container/ { n = 0; delete rows } { rows[++n] = $0 } END { for (i = 1; i <= n; i++) print rows[i] }'
}

table_shows_all() {
  local table host name
  table=$(monitor_table) || return 1
  for host in "${HOSTS[@]}"; do
    for name in "${EXPECTED_CONTAINERS[@]}"; do
      grep -qE "│ $host +│ $name +│" <<< "$table" || return 1
    done
  done
}

check_monitor_table() {
  if wait_until 30 table_shows_all; then
    pass "the monitor's live table (consumer1) shows every container from both hosts:"
  else
    fail "the monitor's live table (consumer1) shows every container from both hosts:"
  fi
  monitor_table | sed 's/ *$//; s/^/        /'
}

restarted_twice() { [ "$("$DOCKER" inspect --format '{{.RestartCount}}' "$RESTARTS")" -ge 2 ]; }

# Restarts and health as the engine has them (restart policy, health checks), reported by each agent.
check_restarts_and_health() {
  local host engine_restarts reading
  wait_until 30 restarted_twice
  for host in "${HOSTS[@]}"; do
    engine_restarts=$("$DOCKER" inspect --format '{{.RestartCount}}' "$RESTARTS")
    reading=$(latest_reading "$host" "$RESTARTS" restarts | jq -r '.value')
    check "$host: $RESTARTS restarts = $reading (engine's RestartCount now $engine_restarts, --restart on-failure)" -- \
      test "${reading:-0}" -ge 1 -a "${reading:-0}" -le "$engine_restarts"
    check_health "$host" "$LOAD" healthy
    check_health "$host" "$UNHEALTHY" unhealthy
    check_health "$host" "$(name_of "$(container_of silo1)")" healthy
    check_health "$host" "$(name_of "$(container_of postgres)")" healthy
  done
}

has_health() { # HOST CONTAINER HEALTH
  [ "$(latest_reading "$1" "$2" status | jq -r '.health')" = "$3" ]
}

check_health() { # HOST CONTAINER EXPECTED
  local status
  wait_until 20 has_health "$@"
  status=$(latest_reading "$1" "$2" status | jq -r '"\(.state) (\(.health))"')
  check "$1: $2 is $status (engine: $("$DOCKER" inspect --format '{{.State.Health.Status}}' "$2"))" -- test "$status" = "running ($3)"
}
