# Sourced. The compose stack under test: the repository's docker-compose.yml and Dockerfile with
# deploy/docker-compose.host-network.yml, on ports picked at run time, as compose project $PROJECT.

PROJECT=aklight-stacktest
OVERRIDE="$REPO/deploy/docker-compose.host-network.yml"

# The services under test. Prometheus is left out: it is a stock image from a registry, and nothing here pulls.
STACK_SERVICES="postgres silo1 silo2 producer1 producer2 consumer1"

compose() {
  COMPOSE_DOCKER_CLI_BUILD=0 DOCKER_BUILDKIT=0 docker-compose --project-directory "$REPO" -p "$PROJECT" \
    -f "$REPO/docker-compose.yml" -f "$OVERRIDE" "$@"
}

# The container of a compose service (PROJECT_service_1 with docker-compose 1.x).
container_of() { compose ps -q "$1" 2>/dev/null | head -n 1; }
name_of() { "$DOCKER" inspect --format '{{.Name}}' "$1" | sed 's|^/||'; }

pick_ports() {
  AKLIGHT_POSTGRES_PORT=$(free_port) && AKLIGHT_SILO1_PORT=$(free_port) && AKLIGHT_SILO2_PORT=$(free_port) \
    && AKLIGHT_SILO1_GATEWAY_PORT=$(free_port) && AKLIGHT_SILO2_GATEWAY_PORT=$(free_port) \
    && AKLIGHT_SILO1_HTTP_PORT=$(free_port) && AKLIGHT_SILO2_HTTP_PORT=$(free_port) || return 1
  export AKLIGHT_POSTGRES_PORT AKLIGHT_SILO1_PORT AKLIGHT_SILO2_PORT AKLIGHT_SILO1_GATEWAY_PORT \
    AKLIGHT_SILO2_GATEWAY_PORT AKLIGHT_SILO1_HTTP_PORT AKLIGHT_SILO2_HTTP_PORT
  export AKLIGHT_ENGINE_SOCKET="$ENGINE_SOCKET"
  log "ports: postgres $AKLIGHT_POSTGRES_PORT; silo1 $AKLIGHT_SILO1_PORT/$AKLIGHT_SILO1_GATEWAY_PORT/$AKLIGHT_SILO1_HTTP_PORT," \
    "silo2 $AKLIGHT_SILO2_PORT/$AKLIGHT_SILO2_GATEWAY_PORT/$AKLIGHT_SILO2_HTTP_PORT (silo/gateway/HTTP)"
}

# Every image the files name must be in the engine before build and up: a missing one would be pulled.
# The images compose builds are checked through the Dockerfile's FROM lines (stage names aside).
check_images_present() {
  local image missing=() needed
  needed=$(
    awk 'toupper($1) == "FROM" { print $2 }' "$REPO/Dockerfile" \
      | grep -vxF -f <(awk 'toupper($1) == "FROM" && toupper($3) == "AS" { print $4 }' "$REPO/Dockerfile")
    # docker-compose depends on Debian's python3-yaml, so /usr/bin/python3 reads its output.
    compose config | /usr/bin/python3 -c 'import sys, yaml
wanted = sys.argv[1].split()
for name, s in yaml.safe_load(sys.stdin)["services"].items():
    if name in wanted and "image" in s and "build" not in s: print(s["image"])' "$STACK_SERVICES"
  ) || return 1
  for image in $(sort -u <<< "$needed"); do
    "$DOCKER" image inspect "$image" >/dev/null 2>&1 || missing+=("$image")
  done
  if [ ${#missing[@]} -gt 0 ]; then fail "images present before build/up (missing: ${missing[*]})"; return 1; fi
  pass "every image the Dockerfile builds FROM and compose runs unbuilt is in the engine, nothing to pull: $(sort -u <<< "$needed" | tr '\n' ' ')"
}

# The stack's secrets, made the way a user makes them (deploy/init-secrets.sh), but in this run's folder:
# a developer's own .env is left alone. The admin key is what the checks call the API and send with.
prepare_secrets() {
  "$REPO/deploy/init-secrets.sh" "$WORK/secrets.env" "$WORK/principals.conf" >/dev/null || return 1
  set -a; . "$WORK/secrets.env"; set +a
  export AKLIGHT_PRINCIPALS_FILE="$WORK/principals.conf"
  export AKLIGHT_TLS_DIR="$WORK/tls" # the certificates init-secrets.sh made there (TLS stays off: AKLIGHT_TLS=false)
}

stack_up() {
  local started=$SECONDS
  # shellcheck disable=SC2086 # one word per service
  if ! compose up --build -d $STACK_SERVICES > "$WORK/compose-up.log" 2>&1; then
    tail -n 40 "$WORK/compose-up.log"
    fail "docker-compose up --build -d"
    return 1
  fi
  grep -E '^(Successfully tagged|Creating|Starting)' "$WORK/compose-up.log" | grep -E 'done|Successfully' | sed 's/^/        /'
  pass "docker-compose -f docker-compose.yml -f deploy/docker-compose.host-network.yml up --build -d ($((SECONDS - started)) s, images built from the real Dockerfile)"
}

stack_diagnostics() {
  log "diagnostics:"
  "$DOCKER" ps -a --format '  {{.Names}}  {{.Status}}'
  local service id
  for service in postgres silo1 silo2 producer1 producer2; do
    id=$(container_of "$service") || continue
    [ -n "$id" ] || continue
    echo "  -- $service (last lines)"
    "$DOCKER" logs --tail 15 "$id" 2>&1 | cut -c1-300 | sed 's/^/     /'
  done
}
