# Sourced. `docker stop` of the load container: each agent announces it once more, as stopped, and the
# monitor raises no silence alarm for it (a stopped container is not a silent one).

is_stopped() { [ "$(latest_reading "$1" "$LOAD" status | jq -r '.state')" = stopped ]; }

check_stop() {
  "$DOCKER" stop "$LOAD" >/dev/null || { fail "docker stop $LOAD"; return 1; }
  STOPPED_AT=$(date +%s)
  log "docker stop $LOAD"
  local host
  for host in "${HOSTS[@]}"; do
    if wait_until 60 is_stopped "$host"; then
      pass "$host: $LOAD's final status is $(latest_reading "$host" "$LOAD" status | jq -c '{state, ts}')"
    else
      fail "$host: $LOAD's final status is stopped (latest: $(latest_reading "$host" "$LOAD" status))"
    fi
  done
}

# Alerts the monitor published (alerts/{host}/{container}/{rule}), one "host/container rule firing at" a line.
published_alerts() {
  local topic
  for topic in $(api "$AKLIGHT_SILO2_HTTP_PORT" "/api/topics?filter=$(urlencode 'alerts/#')" | jq -r '.topics[].name'); do
    read_topic "$AKLIGHT_SILO2_HTTP_PORT" "$topic" | jq -r '.payload | "\(.host)/\(.container) \(.rule) firing=\(.firing) \(.at)"'
  done
}

# Run once the silence alarm would have fired: its interval times AKLIGHT_SILENCE_INTERVALS (3) has passed.
check_no_silence_after_stop() {
  local quiet=$((5 * 4)) alerts
  [ $(($(date +%s) - STOPPED_AT)) -ge $quiet ] || sleep $((quiet - ($(date +%s) - STOPPED_AT)))
  alerts=$(published_alerts)
  check "no silence alarm for $LOAD $(( $(date +%s) - STOPPED_AT )) s after its stop (alerts published in the whole run: ${alerts:-none})" -- \
    no_match "/$LOAD silence" <<< "$alerts"
  check "the monitor's output names no silence of $LOAD" -- \
    no_match "silence.*$LOAD" < <("$DOCKER" logs "$(container_of consumer1)" 2>&1 | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g')
}

no_match() { ! grep -q -- "$1"; }
