# Sourced. What every part of the stack test shares: output, verdicts, bounded waits, free ports and the
# broker's HTTP API.

STACK_STARTED=$SECONDS
CHECKS_PASSED=0
CHECKS_FAILED=0

elapsed() { printf '%d:%02d' $(((SECONDS - STACK_STARTED) / 60)) $(((SECONDS - STACK_STARTED) % 60)); }
log() { echo "[$(elapsed)] $*"; }
section() { echo; echo "[$(elapsed)] == $* =="; }

# A verified fact: `pass WHAT`. A failed one: `fail WHAT`, with details on the lines that follow.
pass() { CHECKS_PASSED=$((CHECKS_PASSED + 1)); echo "[$(elapsed)] ok    $*"; }
fail() { CHECKS_FAILED=$((CHECKS_FAILED + 1)); echo "[$(elapsed)] FAIL  $*"; }
# `check WHAT -- COMMAND...`: pass when the command succeeds.
check() {
  local what="$1"; shift; [ "$1" = -- ] && shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# `wait_until SECONDS COMMAND...`: polls every second until the command succeeds; false when time is up.
wait_until() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 1
  done
}

# A TCP port on 127.0.0.1 that nothing listens on, from the range 20000-29999, never handed out twice.
FREE_PORTS_TAKEN=" "
free_port() {
  local port tries=0
  while [ $tries -lt 200 ]; do
    tries=$((tries + 1))
    port=$((20000 + RANDOM % 10000))
    case "$FREE_PORTS_TAKEN" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; then
      FREE_PORTS_TAKEN+="$port "
      echo "$port"
      return 0
    fi
  done
  echo "stack test: no free port found" >&2
  return 1
}

# The broker's HTTP API: `api PORT PATH [curl options]` prints the body; fails on an HTTP error.
api() {
  local port="$1" path="$2"; shift 2
  curl -sS --fail --max-time 20 -H "Authorization: Bearer ${AKLIGHT_ADMIN_TOKEN:-}" "$@" "http://127.0.0.1:$port$path"
}

urlencode() { jq -rn --arg v "$1" '$v | @uri'; }

# Every message of a topic (all partitions), one JSON object a line with the payload parsed:
# {"partition":..,"offset":..,"key":..,"timestamp":..,"payload":{..}}. Nothing when the topic does not exist.
read_topic() {
  local port="$1" topic info partition end offset page
  topic=$(urlencode "$2")
  info=$(api "$port" "/api/topics/info?topic=$topic" 2>/dev/null) || return 0
  while read -r partition end; do
    offset=$(jq -r --argjson p "$partition" '.partitions[] | select(.partition == $p) | .startOffset' <<< "$info")
    while [ "$offset" -lt "$end" ]; do
      page=$(api "$port" "/api/messages?topic=$topic&partition=$partition&offset=$offset&limit=1000") || return 1
      jq -c '.messages[] | {partition, offset, key, timestamp, payload: (.payload | fromjson? // .)}' <<< "$page"
      offset=$(jq -r '.nextOffset' <<< "$page")
    done
  done < <(jq -r '.partitions[] | "\(.partition) \(.endOffset)"' <<< "$info")
}

# The newest message of a single-partition topic (metric topics have one), as read_topic prints it.
read_last() {
  local port="$1" topic end
  topic=$(urlencode "$2")
  end=$(api "$port" "/api/topics/info?topic=$topic" 2>/dev/null | jq -r '.partitions[0].endOffset // 0') || return 0
  [ "${end:-0}" -gt 0 ] || return 0
  api "$port" "/api/messages?topic=$topic&partition=0&offset=$((end - 1))&limit=1" \
    | jq -c '.messages[] | {partition, offset, key, timestamp, payload: (.payload | fromjson? // .)}'
}
