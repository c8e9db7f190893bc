# Sourced. The agents' cpu and memory against `docker stats --no-stream` for the same containers over the
# same interval. Both ask the engine for one stats document (stream=false), which spans the engine's
# next two readings about a second apart; `docker stats` is started at the agent's sampling tick (learnt
# from the "ts" of its readings), so both documents cover the same second.
#
# Agreement: cpu within 3 points (or 10 %), memory within 3 % (or 2 MiB). On a machine this busy a call
# can miss its second and read the next one, so two thirds of the pairs must agree (the table shows
# all) and the median cpu difference be under a point. The restarting container is left out (between
# its runs there is nothing to compare); the load container must read its known load.

STATS_ROUNDS=2

to_bytes() { # "128.5MiB" -> bytes
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f["B"] = 1; f["KiB"] = 1024; f["MiB"] = 1048576; f["GiB"] = 1073741824; f["kB"] = 1000; f["MB"] = 1e6; f["GB"] = 1e9
    printf "%.0f\n", n * f[u] }'
}

# Runs `docker stats --no-stream` at HOST's agent's next sampling tick; appends "HOST T0 FILE" to $WORK/stats-rounds.
stats_at_next_tick() {
  local host="$1" round="$2" reading last interval now next t0 file="$WORK/stats-$1-$2"
  reading=$(latest_reading "$host" "$LOAD" status)
  last=$(jq -r "$JQ_EPOCH"' .ts | epoch' <<< "$reading")
  interval=$(jq -r '.interval' <<< "$reading")
  now=$(date +%s.%N)
  next=$(awk -v l="$last" -v n="$now" -v i="$interval" 'BEGIN { printf "%.3f", l + (int((n - l) / i) + 1) * i }')
  # Without a reading to learn the tick from, or with a stale one, at once (the readings will not pair).
  sleep "$(awk -v t="$next" -v n="$now" -v i="${interval:-0}" 'BEGIN { d = t - n; printf "%.3f", (d > 0 && d <= i) ? d : 0 }')"
  t0=$(date +%s.%N)
  "$DOCKER" stats --no-stream --format '{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}' > "$file"
  echo "$host $t0 $file" >> "$WORK/stats-rounds"
}

# The agent's reading of METRIC taken closest to T0 (within 1.5 s): VALUE or nothing. Read from the
# broker by time: the messages appended from 5 s before T0 on (a reading is appended after it is taken).
agent_value_at() { # HOST NAME METRIC T0
  local topic from
  topic=$(urlencode "metrics/docker/$1/$2/$3")
  from=$(date -u -d "@$(awk -v t="$4" 'BEGIN { printf "%d", t - 5 }')" +%Y-%m-%dT%H:%M:%SZ)
  api "$AKLIGHT_SILO2_HTTP_PORT" "/api/messages?topic=$topic&partition=0&time=$from&limit=10" 2>/dev/null \
    | jq -r --argjson t0 "$4" "$JQ_EPOCH"' [.messages[].payload | fromjson | {value, d: ((.ts | epoch) - $t0 | fabs)}]
        | map(select(.d < 1.5)) | sort_by(.d) | first | .value // empty'
}

check_docker_stats_agree() {
  local round host t0 file name cpu mem agent_cpu agent_mem stats_mem verdict compared=0 disagreed=0 load_rows=0
  : > "$WORK/stats-rounds"; : > "$WORK/cpu-pairs"
  for round in $(seq 1 "$STATS_ROUNDS"); do
    for host in "${HOSTS[@]}"; do stats_at_next_tick "$host" "$round"; done
  done
  sleep 4 # the last samples reach the broker
  printf '        %-6s %-36s %9s %9s %12s %12s\n' host container "agent cpu" "stats cpu" "agent mem" "stats mem"
  while read -r host t0 file; do
    while IFS='|' read -r name cpu mem; do
      [ "$name" = "$RESTARTS" ] && continue
      agent_cpu=$(agent_value_at "$host" "$name" cpu "$t0")
      agent_mem=$(agent_value_at "$host" "$name" memory "$t0")
      stats_mem=$(to_bytes "${mem%% / *}")
      cpu=${cpu%\%}
      if [ -z "$agent_cpu" ] || [ -z "$agent_mem" ]; then
        verdict="no agent reading within 1.5 s"; disagreed=$((disagreed + 1))
      elif awk -v a="$agent_cpu" -v s="$cpu" -v am="$agent_mem" -v sm="$stats_mem" 'function abs(x) { return x < 0 ? -x : x }
          BEGIN { exit !((abs(a - s) <= 3 || abs(a - s) <= 0.1 * s) && (abs(am - sm) <= 2097152 || abs(am - sm) <= 0.03 * sm)) }'; then
        verdict=agree; compared=$((compared + 1))
        echo "$agent_cpu $cpu" >> "$WORK/cpu-pairs"
      else
        verdict=DISAGREE; disagreed=$((disagreed + 1))
        echo "$agent_cpu $cpu" >> "$WORK/cpu-pairs"
      fi
      [ "$name" = "$LOAD" ] && [ "$verdict" = agree ] && load_rows=$((load_rows + 1)) && LOAD_CPU=$agent_cpu LOAD_MEM=$agent_mem
      printf '        %-6s %-36s %8.2f%% %8.2f%% %8.1f MiB %8.1f MiB  %s\n' "$host" "$name" "${agent_cpu:-0}" "$cpu" \
        "$(awk -v b="${agent_mem:-0}" 'BEGIN { print b / 1048576 }')" "$(awk -v b="$stats_mem" 'BEGIN { print b / 1048576 }')" "$verdict"
    done < "$file"
  done < "$WORK/stats-rounds"
  local median
  median=$(awk '{ d = $1 - $2; print (d < 0 ? -d : d) }' "$WORK/cpu-pairs" | sort -g | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 99 }')
  check "agents agree with docker stats --no-stream: $compared of $((compared + disagreed)) container readings agree, median cpu difference $median points" -- \
    awk -v a="$compared" -v d="$disagreed" -v m="$median" 'BEGIN { exit !(a >= 2 * d && a >= 10 && m < 1) }'
  check "the load container agreed in $load_rows of $((STATS_ROUNDS * ${#HOSTS[@]})) rounds" -- test "$load_rows" -ge 1
  check_known_load
}

# The load container reads what it was given: at most half a CPU and busy, its 128 MiB, and its limit.
check_known_load() {
  local limit
  limit=$(latest_reading host1 "$LOAD" memory.limit | jq -r '.value')
  check "$LOAD reads its known load: cpu ${LOAD_CPU:-?}% (capped at 50), memory $(awk -v b="${LOAD_MEM:-0}" 'BEGIN { printf "%.1f", b / 1048576 }') MiB (>= $LOAD_MEMORY_MIB), limit $((${limit:-0} / 1048576)) MiB" -- \
    awk -v c="${LOAD_CPU:-0}" -v m="${LOAD_MEM:-0}" -v l="${limit:-0}" -v want="$LOAD_MEMORY_MIB" -v cap="$LOAD_LIMIT_MIB" \
      'BEGIN { exit !(c >= 10 && c <= 55 && m >= want * 1048576 && m <= cap * 1048576 && l == cap * 1048576) }'
}
