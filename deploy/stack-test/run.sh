#!/usr/bin/env bash
# The compose stack built and run for real, on a Docker engine of its own:
#   1. starts dockerd (host networking only, no registry) and builds local stand-ins for the base images
#      (Debian minbase from this machine's mirror + this machine's .NET; Debian's PostgreSQL 15);
#   2. docker-compose -f docker-compose.yml -f deploy/docker-compose.host-network.yml up --build;
#   3. checks the running stack: schema, cluster membership, HTTP on each silo, both agents measuring
#      every container (plus a known load, a restarting and an unhealthy one), the monitor's table, the
#      agents against `docker stats`, container events (an OOM kill, a restart loop, a failing health check)
#      and the monitor's event alerts, a stopped container, `docker kill` of a silo, `down -v`;
#   4. stops the engine by its pid and removes what it created (its image cache stays for the next run).
# Prints each verified fact as "ok" (or "FAIL") and ends with one summary line.
#
#   deploy/stack-test/run.sh        as root; needs docker.io, docker-compose, debootstrap, jq, curl
#
# Exit status: 0 passed, 1 failed, 77 skipped (the Docker engine cannot start on this machine).
set -uo pipefail

STACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$STACK_DIR/../.." && pwd)
# Debian's client, of the engine's own version; a newer client elsewhere on PATH may lack the classic builder.
DOCKER=${DOCKER:-$(command -v /usr/bin/docker || command -v docker || echo docker)}
WORK=$(mktemp -d /tmp/aklight-stacktest.XXXXXX)
for lib in common engine apt-sources base-images stack workload \
  check-startup check-metrics check-stats check-events check-stop check-failover check-down; do
  # shellcheck source=/dev/null
  . "$STACK_DIR/lib/$lib.sh"
done

cleanup() {
  trap - EXIT INT TERM
  if [ -n "$ENGINE_PID" ] && kill -0 "$ENGINE_PID" 2>/dev/null; then
    compose down -v --remove-orphans >/dev/null 2>&1
    remove_workload
  fi
  engine_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

finish() {
  [ "$CHECKS_FAILED" -gt 0 ] && [ -n "$ENGINE_PID" ] && stack_diagnostics
  echo
  echo "stack test: $CHECKS_PASSED checks passed, $CHECKS_FAILED failed, in $(elapsed) (m:ss)"
  [ "$CHECKS_FAILED" -eq 0 ] && [ "$CHECKS_PASSED" -gt 0 ] && exit 0
  exit 1
}

main() {
  section "engine"
  local tool
  for tool in docker-compose debootstrap jq curl; do
    command -v "$tool" >/dev/null || { fail "$tool is installed"; finish; }
  done
  if ! engine_start; then
    echo "stack test: SKIPPED: the Docker engine cannot start on this machine: $ENGINE_PROBLEM"
    exit 77
  fi
  pass "engine started: a container runs (host networking only, no registry)"

  section "base images: local stand-ins"
  build_base_images || { fail "build the stand-ins for the base images"; finish; }
  "$DOCKER" images --format '        {{.Repository}}:{{.Tag}}  {{.Size}}' | grep -v '<none>'

  section "build and start the stack"
  pick_ports || finish
  prepare_secrets || { fail "deploy/init-secrets.sh made the stack's keys"; finish; }
  compose down -v --remove-orphans >/dev/null 2>&1 # what an interrupted run may have left
  check_images_present || finish
  stack_up || finish
  "$DOCKER" ps --format '        {{.Names}}  {{.Image}}  {{.Status}}'

  section "the stack"
  check_schema
  check_members_active
  check_http

  section "the agents against the Engine API"
  start_workload || finish
  check_published
  check_monitor_table
  check_restarts_and_health
  check_docker_stats_agree

  section "container events and event rules"
  check_events

  section "docker stop of the load container"
  check_stop

  section "docker kill of silo1"
  check_failover
  check_no_silence_after_stop

  section "shutdown"
  check_down
  finish
}

main
