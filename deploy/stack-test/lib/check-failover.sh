# Sourced. `docker kill` of silo1 while a producer sends and the agents publish: silo2 serves on, every
# message the sender had acknowledged is stored at its acknowledged offset, and the agents' buffers
# drain (no reading missing from their streams).

SENDER=aklight-stacktest-sender
FAILOVER_TOPIC=stacktest/failover
FAILOVER_MESSAGES=600 # at 20 a second: 30 s, silo1 killed after the first 100 acknowledgements

start_sender() {
  local i
  for i in $(seq 1 "$FAILOVER_MESSAGES"); do echo "failover-$i"; sleep 0.05; done \
    | "$DOCKER" run -i --rm --name "$SENDER" --label aklight.stacktest=1 --network host \
        --add-host silo1:127.0.0.1 --add-host silo2:127.0.0.1 -e AKLIGHT_CLUSTER_ID=aklight -e AKLIGHT_TOKEN="$AKLIGHT_ADMIN_TOKEN" aklight-producer:local \
        send --broker "silo1:$AKLIGHT_SILO1_GATEWAY_PORT" --broker "silo2:$AKLIGHT_SILO2_GATEWAY_PORT" --topic "$FAILOVER_TOPIC" \
        > "$WORK/acks" 2> "$WORK/sender.err" &
  SENDER_PID=$!
}

acks_at_least() { [ "$(wc -l < "$WORK/acks")" -ge "$1" ]; }
sender_done() { ! kill -0 "$SENDER_PID" 2>/dev/null; }
silo1_dead_silo2_active() { silo_status_is "$AKLIGHT_SILO1_PORT" 6 && silo_status_is "$AKLIGHT_SILO2_PORT" 3; }
nothing_dropped() { ! "$DOCKER" logs "$1" 2>&1 | grep -qE '[1-9][0-9]* dropped'; }

# Every acknowledgement (line i answers message failover-i) names a stored message with that payload.
acked_messages_stored() {
  read_topic "$AKLIGHT_SILO2_HTTP_PORT" "$FAILOVER_TOPIC" | jq -r '"\(.partition) \(.offset) \(.payload)"' | sort > "$WORK/stored"
  jq -r '"\(.partition) \(.offset)"' "$WORK/acks" | awk '{ print $0 " failover-" NR }' | sort > "$WORK/acked"
  LOST=$(comm -23 "$WORK/acked" "$WORK/stored" | wc -l)
}

# HOST's status readings of a container that ran throughout, from 15 s before the kill on: gaps between
# consecutive samples never longer than 1.5 intervals, and the last one fresh.
stream_unbroken() { # HOST CONTAINER
  read_topic "$AKLIGHT_SILO2_HTTP_PORT" "metrics/docker/$1/$2/status" \
    | jq -rs --argjson from "$((KILLED_AT - 15))" --argjson now "$(date +%s)" "$JQ_EPOCH"'
        map(.payload | {t: (.ts | epoch), i: .interval}) | map(select(.t >= $from)) | sort_by(.t) as $r
        | [range(1; $r | length) | $r[.].t - $r[. - 1].t] as $gaps
        | "\($r | length) readings, longest gap \(($gaps | max // 0) * 10 | round / 10) s, newest \(($now - ($r[-1].t // 0)) | round) s ago",
          (if ($r | length) > 3 and ($gaps | max) <= 1.5 * $r[0].i and $now - $r[-1].t <= 3 * $r[0].i then "unbroken" else "BROKEN" end)'
}

check_failover() {
  local silo1 sent acked
  silo1=$(container_of silo1)
  start_sender
  if ! wait_until 60 acks_at_least 100; then fail "the sender gets acknowledgements before the kill"; cat "$WORK/sender.err"; return 1; fi
  "$DOCKER" kill "$silo1" >/dev/null
  KILLED_AT=$(date +%s)
  log "docker kill $(name_of "$silo1") after $(wc -l < "$WORK/acks") acknowledgements"
  wait_until 120 sender_done
  wait "$SENDER_PID"; local sender_status=$?
  acked=$(wc -l < "$WORK/acks")
  check "the sender finished through silo2: exit status $sender_status, $acked of $FAILOVER_MESSAGES messages acknowledged" -- \
    test "$sender_status" -eq 0 -a "$acked" -eq "$FAILOVER_MESSAGES"
  [ -s "$WORK/sender.err" ] && sed 's/^/        sender: /' "$WORK/sender.err" | head -n 5
  acked_messages_stored
  check "nothing acknowledged lost: $((acked - LOST)) of $acked acknowledged messages are stored at their acknowledged offsets ($(wc -l < "$WORK/stored") stored)" -- \
    test "$LOST" -eq 0
  check "silo1 is dead and silo2 active in the membership table ($(membership | tr '\n' ',' | sed 's/,$//'))" -- \
    silo1_dead_silo2_active
  check "silo2 serves: web console, API and dashboard on 127.0.0.1:$AKLIGHT_SILO2_HTTP_PORT" -- http_answers "$AKLIGHT_SILO2_HTTP_PORT"
  check_agents_drained
}

check_agents_drained() {
  local host service name verdict
  sleep 10 # one more sample after the buffers emptied
  for host in "${HOSTS[@]}"; do
    for service in postgres silo2; do
      name=$(name_of "$(container_of "$service")")
      verdict=$(stream_unbroken "$host" "$name")
      check "$host: $name readings from 15 s before the kill until now: $(head -n 1 <<< "$verdict")" -- test "$(tail -n 1 <<< "$verdict")" = unbroken
    done
  done
  for service in producer1 producer2; do
    "$DOCKER" logs --since "$KILLED_AT" "$(container_of "$service")" 2>&1 | sed "s/^/        $service: /"
  done
  for service in producer1 producer2; do
    check "$service dropped nothing (its buffer held every reading while the broker was away)" -- nothing_dropped "$(container_of "$service")"
  done
}
