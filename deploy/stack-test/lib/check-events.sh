# Sourced. Container lifecycle events from the real engine: each agent follows /events and publishes to
# events/docker/{host}/{container}/{action}, and the monitor's event rules (deploy/rules.txt) fire on them:
#   oom        a container of its own, killed by the kernel for going past --memory 32m: events oom and die (137)
#   restarts   the workload's container exiting with status 3 under --restart on-failure: die events with
#              exitCode 3, the crash alert and, dying every few seconds, the flapping alert
#   unhealthy  the workload's failing health check: a health_status event with status unhealthy, the unhealthy alert

OOM=aklight-stacktest-oom

# Bash reads 200 MiB into a variable under a 32 MiB limit without swap: the kernel kills it, the container dies.
start_oom() {
  "$DOCKER" run -d --init --network none --label aklight.stacktest=1 --name "$OOM" --memory 32m --memory-swap 32m \
    "$STANDIN_BASE" bash -c 'x=$(head -c 200M /dev/zero | tr "\0" a); sleep infinity' >/dev/null \
    || { fail "start $OOM (--memory 32m, allocating 200 MiB)"; return 1; }
  log "started $OOM (--memory 32m, allocating 200 MiB)"
}

# The payloads of one event topic, one compact JSON a line.
event_payloads() { read_topic "$AKLIGHT_SILO2_HTTP_PORT" "events/docker/$1/$2/$3" | jq -c '.payload'; }

has_event() { # HOST CONTAINER ACTION JQ-CONDITION
  [ "$(event_payloads "$1" "$2" "$3" | jq -s "map(select($4)) | length")" -ge 1 ]
}

# The firing messages the monitor published for one alert.
firings() { read_topic "$AKLIGHT_SILO2_HTTP_PORT" "alerts/$1/$2/$3" | jq -s 'map(select(.payload.firing)) | length'; }

fired() { [ "$(firings "$1" "$2" "$3")" -ge 1 ]; }

check_event() { # HOST CONTAINER ACTION JQ-CONDITION WHAT
  if wait_until 60 has_event "$1" "$2" "$3" "$4"; then
    pass "$1: events/docker/$1/$2/$3 has $5: $(event_payloads "$1" "$2" "$3" | jq -c "select($4) | {action, status, exitCode, time}" | tail -n 1)"
  else
    fail "$1: events/docker/$1/$2/$3 has $5 (there: $(event_payloads "$1" "$2" "$3" | jq -c '{action, status, exitCode}' | tail -n 3 | tr '\n' ' '))"
  fi
}

check_alert_once() { # HOST CONTAINER RULE
  if wait_until 60 fired "$1" "$2" "$3"; then
    check "$1: the monitor fired $3 for $2 once, on alerts/$1/$2/$3" -- test "$(firings "$1" "$2" "$3")" -eq 1
  else
    fail "$1: the monitor fired $3 for $2 on alerts/$1/$2/$3"
  fi
}

oom_killed() { [ "$("$DOCKER" inspect --format '{{.State.OOMKilled}}' "$OOM")" = true ]; }

check_events() {
  start_oom || return 1
  check "the engine says $OOM was OOM-killed (State.OOMKilled)" -- wait_until 60 oom_killed
  local host
  for host in "${HOSTS[@]}"; do
    check_event "$host" "$OOM" oom 'true' "an oom event"
    check_event "$host" "$OOM" die '.exitCode == 137' "a die with exitCode 137"
    check_event "$host" "$RESTARTS" die '.exitCode == 3' "a die with exitCode 3"
    check_event "$host" "$RESTARTS" start 'true' "a start"
    check_event "$host" "$UNHEALTHY" health_status '.status == "unhealthy"' "a health_status unhealthy"
    check_alert_once "$host" "$OOM" oom
    check_alert_once "$host" "$RESTARTS" crash
    check_alert_once "$host" "$RESTARTS" flapping
    check_alert_once "$host" "$UNHEALTHY" unhealthy
  done
}
