# Sourced. A Docker engine of the test's own: dockerd with host networking only (no bridge, no iptables),
# started in the background and stopped by its pid. Its data root is kept between runs (images and
# build cache); everything else it creates is removed by engine_stop.
#
# Data root: $AKLIGHT_STACK_CACHE (default ~/.cache/aklight-stack-test), one engine at a time (a lock);
# when another run holds it for longer than ENGINE_LOCK_WAIT seconds, a throwaway data root is used.
# Sets DOCKER_HOST for the client and for docker-compose; ENGINE_SOCKET is the socket's path.

ENGINE_LOCK_WAIT=${ENGINE_LOCK_WAIT:-900}
ENGINE_PID=""
ENGINE_DIR=""
ENGINE_CREATED=()

# Folders the daemon writes outside its own, removed afterwards only if they did not exist before.
engine_note_created() {
  local path
  for path in /etc/docker /var/run/docker /run/containerd /sys/fs/cgroup/*/docker; do
    [ -e "$path" ] || ENGINE_CREATED+=("$path")
  done
}

# Starts the engine; on failure sets ENGINE_PROBLEM and returns 1 (the caller skips the test).
engine_start() {
  command -v dockerd >/dev/null || { ENGINE_PROBLEM="dockerd is not installed"; return 1; }
  local cache="${AKLIGHT_STACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aklight-stack-test}" data
  mkdir -p "$cache"
  ENGINE_DIR=$(mktemp -d /tmp/aklight-engine.XXXXXX)
  exec 9> "$cache/engine.lock"
  if flock -w "$ENGINE_LOCK_WAIT" 9; then
    data="$cache/data-root"
  else
    log "engine: the cached data root is in use by another run; using a throwaway one (no cache)"
    data="$ENGINE_DIR/data-root"
  fi
  engine_note_created
  ENGINE_SOCKET="$ENGINE_DIR/docker.sock"
  setsid dockerd --data-root "$data" --exec-root "$ENGINE_DIR/exec" -H "unix://$ENGINE_SOCKET" \
    --pidfile "$ENGINE_DIR/dockerd.pid" --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
    --bridge=none --exec-opt native.cgroupdriver=cgroupfs --log-level warn > "$ENGINE_DIR/dockerd.log" 2>&1 < /dev/null 9>&- &
  ENGINE_PID=$!
  export DOCKER_HOST="unix://$ENGINE_SOCKET"
  local deadline=$((SECONDS + 60))
  until "$DOCKER" version >/dev/null 2>&1; do
    if ! kill -0 "$ENGINE_PID" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      ENGINE_PROBLEM="dockerd did not start: $(tail -n 3 "$ENGINE_DIR/dockerd.log" | tr '\n' ' ')"
      return 1
    fi
    sleep 1
  done
  log "engine: dockerd $("$DOCKER" version --format '{{.Server.Version}}') pid $ENGINE_PID, data root $data ($("$DOCKER" info --format '{{.Driver}}, cgroup v{{.CgroupVersion}}'))"
  engine_probe
}

# A container must run too (cgroups, overlay storage, runc), not only the API answer: an image of one
# static binary, the engine's own init (tini-static, shipped with dockerd), runs `--version`.
engine_probe() {
  local init
  init=$(readlink -f "$(command -v docker-init || echo /usr/bin/docker-init)")
  [ -x "$init" ] || { ENGINE_PROBLEM="no docker-init next to dockerd"; return 1; }
  if ! "$DOCKER" image inspect aklight-stacktest/probe >/dev/null 2>&1; then
    mkdir -p "$ENGINE_DIR/probe" && cp "$init" "$ENGINE_DIR/probe/probe"
    tar -C "$ENGINE_DIR/probe" -c probe | "$DOCKER" import - aklight-stacktest/probe >/dev/null \
      || { ENGINE_PROBLEM="the engine cannot import an image"; return 1; }
  fi
  local out
  out=$("$DOCKER" run --rm --network none aklight-stacktest/probe /probe --version 2>&1) \
    || { ENGINE_PROBLEM="the engine cannot run a container: $(tail -n 1 <<< "$out")"; return 1; }
}

# Stops the engine by its pid (its containerd with it) and removes what it left outside the data root.
engine_stop() {
  [ -n "$ENGINE_DIR" ] || return 0
  if [ -n "$ENGINE_PID" ] && kill -0 "$ENGINE_PID" 2>/dev/null; then
    kill -TERM "$ENGINE_PID"
    local waited=0
    while kill -0 "$ENGINE_PID" 2>/dev/null && [ $waited -lt 60 ]; do sleep 1; waited=$((waited + 1)); done
    kill -0 "$ENGINE_PID" 2>/dev/null && kill -KILL "$ENGINE_PID"
    wait "$ENGINE_PID" 2>/dev/null
  fi
  # The containerd it started, should it have outlived a killed dockerd.
  local pidfile pid
  for pidfile in "$ENGINE_DIR"/exec/containerd/containerd.pid; do
    [ -f "$pidfile" ] && pid=$(cat "$pidfile") && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  done
  # Mounts it may have left under its folders (overlays, shm) would keep them from being removed.
  local mount
  while read -r mount; do umount -l "$mount" 2>/dev/null; done < <(awk -v d="$ENGINE_DIR" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
  rm -rf "$ENGINE_DIR"
  local path
  for path in "${ENGINE_CREATED[@]}"; do
    case "$path" in
      /sys/fs/cgroup/*) rmdir "$path" 2>/dev/null ;;
      *) rm -rf "$path" ;;
    esac
  done
  ENGINE_DIR=""
  exec 9>&-
}
