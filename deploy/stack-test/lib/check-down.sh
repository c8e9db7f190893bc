# Sourced. `docker-compose down -v` leaves nothing: no container of the project, running or not, no
# volume, and none of the stack's ports still listening on the host.

project_leftovers() {
  "$DOCKER" ps -aq --filter "label=com.docker.compose.project=$PROJECT"
  "$DOCKER" volume ls -q --filter "label=com.docker.compose.project=$PROJECT"
}

ports_closed() {
  local port
  for port in "$AKLIGHT_POSTGRES_PORT" "$AKLIGHT_SILO2_PORT" "$AKLIGHT_SILO2_GATEWAY_PORT" "$AKLIGHT_SILO2_HTTP_PORT"; do
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || return 1
  done
}

check_down() {
  local started=$SECONDS
  if ! compose down -v > "$WORK/compose-down.log" 2>&1; then
    fail "docker-compose down -v"; tail -n 20 "$WORK/compose-down.log"; return 1
  fi
  grep -E '^(Stopping|Removing)' "$WORK/compose-down.log" | grep -E 'done|Successfully' | sed 's/^/        /'
  remove_workload
  check "docker-compose down -v ($((SECONDS - started)) s) leaves no container or volume of the project$(project_leftovers | sed 's/^/ /' | tr -d '\n')" -- \
    test -z "$(project_leftovers)"
  check "nothing runs in the engine any more ($("$DOCKER" ps -q | wc -l) containers)" -- test -z "$("$DOCKER" ps -q)"
  check "the stack's ports on 127.0.0.1 are closed" -- ports_closed
}
