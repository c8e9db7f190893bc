#!/usr/bin/env bash
# Runs the AKLight benchmark (bench/AkLight.Bench) and prints its results.
#
#   bench/run.sh smoke            AKLight embedded only, a few seconds, one line; exit 1 on a lost message (CI)
#   bench/run.sh quick            the whole matrix with short runs (checks the harness)
#   bench/run.sh full [--out F]   the whole matrix as BENCHMARKS.md reports it (about 15 minutes on 2 cores)
#   bench/run.sh full --help      every option
#   BENCH_NO_BUILD=1 bench/run.sh ...   use the binaries already built (dotnet build -c Release bench/AkLight.Bench)
#
# Installs Mosquitto, Redis and PostgreSQL from Debian when missing (not for smoke), builds the bench and
# the silo in Release, and runs the bench, which starts every server as its own child process on free
# 127.0.0.1 ports, with data and logs in a temp folder, and stops each by pid. This script stops the bench
# and anything it left (listed by pid in a pid file) on exit, failure or Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 0 ] && set -- full
mode="$1"

need=()
if [ "$mode" != "smoke" ]; then
  [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
  [ -x /usr/bin/redis-server ] || need+=(redis-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

if [ "${BENCH_NO_BUILD:-}" != "1" ] && ! build_log=$(dotnet build -c Release bench/AkLight.Bench -nologo -v q 2>&1); then
  echo "$build_log" >&2
  echo "bench: build failed" >&2
  exit 2
fi

pid_file=$(mktemp)
bench_pid=""

stop_pids() {
  local signal="$1"
  [ -s "$pid_file" ] || return 0
  while read -r pid _; do
    [ -n "$pid" ] && kill "-$signal" "$pid" 2>/dev/null || true
  done < "$pid_file"
}

cleanup() {
  if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then
    kill -TERM "$bench_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$bench_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$bench_pid" 2>/dev/null || true
  fi
  # Whatever the bench could not stop itself (it rewrites the file as its children come and go).
  stop_pids TERM
  sleep 1
  stop_pids KILL
  rm -f "$pid_file"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

AKLIGHT_BENCH_COMMAND="bench/run.sh $*" \
  dotnet bench/AkLight.Bench/bin/Release/net10.0/AkLight.Bench.dll "$@" --pid-file "$pid_file" &
bench_pid=$!
set +e
wait "$bench_pid"
status=$?
set -e
bench_pid=""
exit "$status"
