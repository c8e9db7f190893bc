# Sourced. Containers for the agents to measure besides the stack's own, from the Debian stand-in image
# ($STANDIN_BASE), each with docker-init as PID 1 so `docker stop` ends it at once:
#   load       a known load: one busy shell capped at half a CPU (--cpus 0.5, so `cpu` reads about 50),
#              128 MiB written to /dev/shm (shared memory counts as the container's memory) under a
#              256 MiB limit, and a health check that passes
#   restarts   exits with status 3 every 4 s under --restart on-failure: the engine's restart count grows
#   unhealthy  a health check that always fails

LOAD=aklight-stacktest-load
RESTARTS=aklight-stacktest-restarts
UNHEALTHY=aklight-stacktest-unhealthy
LOAD_MEMORY_MIB=128
LOAD_LIMIT_MIB=256
WORKLOAD=("$LOAD" "$RESTARTS" "$UNHEALTHY")

start_workload() {
  local common=(-d --init --network none --label aklight.stacktest=1)
  "$DOCKER" run "${common[@]}" --name "$LOAD" --cpus 0.5 --memory "${LOAD_LIMIT_MIB}m" --shm-size "$((LOAD_MEMORY_MIB + 64))m" \
    --health-cmd 'test -s /dev/shm/load' --health-interval 2s --health-retries 1 \
    "$STANDIN_BASE" bash -c "dd if=/dev/zero of=/dev/shm/load bs=1M count=$LOAD_MEMORY_MIB status=none; while :; do :; done" >/dev/null \
    && "$DOCKER" run "${common[@]}" --name "$RESTARTS" --restart on-failure "$STANDIN_BASE" bash -c 'sleep 4; exit 3' >/dev/null \
    && "$DOCKER" run "${common[@]}" --name "$UNHEALTHY" --health-cmd false --health-interval 5s --health-retries 1 \
      "$STANDIN_BASE" sleep infinity >/dev/null \
    || { fail "start the load, restarting and unhealthy containers"; return 1; }
  log "started $LOAD (--cpus 0.5, $LOAD_MEMORY_MIB MiB in /dev/shm, --memory ${LOAD_LIMIT_MIB}m, healthy), $RESTARTS (--restart on-failure, exits every 4 s), $UNHEALTHY (failing health check)"
}

remove_workload() {
  local ids
  ids=$("$DOCKER" ps -aq --filter label=aklight.stacktest=1 2>/dev/null)
  [ -z "$ids" ] || "$DOCKER" rm -f $ids >/dev/null 2>&1
}
