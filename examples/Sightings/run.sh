#!/usr/bin/env bash
# The sightings example in one command: builds the broker and the example, starts a throwaway embedded
# broker (temporary data folder, free loopback ports), runs every role against it, and stops the broker
# again, whatever happens. Exits with the example's code: 0 when all its checks hold.
# Extra arguments go to the example, e.g. `examples/Sightings/run.sh --seed 7 --sightings 400`.
# SIGHTINGS_GATEWAY_PORT / SIGHTINGS_SILO_PORT pin the ports instead of picking free ones.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
config=Release
silo_dll="$root/Silo/bin/$config/net10.0/AkLight.Silo.dll"
example_dll="$root/examples/Sightings/bin/$config/net10.0/AkLight.Examples.Sightings.dll"
# The example names its broker explicitly; a cluster id from the caller's shell would not match the throwaway silo.
unset AKLIGHT_BROKERS AKLIGHT_CLUSTER_ID

echo "== building the broker and the example ($config)"
dotnet build "$root/Silo/Silo.csproj" -c "$config" -nologo -v q
dotnet build "$root/examples/Sightings/Sightings.csproj" -c "$config" -nologo -v q

data="$(mktemp -d "${TMPDIR:-/tmp}/aklight-sightings.XXXXXX")"
silo_pid=""
cleanup() {
  if [ -n "$silo_pid" ] && kill -0 "$silo_pid" 2>/dev/null; then
    kill -TERM "$silo_pid" 2>/dev/null || true
    # A graceful stop takes a few seconds; after 15 s it is killed.
    for _ in $(seq 1 30); do kill -0 "$silo_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$silo_pid" 2>/dev/null || true
    wait "$silo_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nothing on 127.0.0.1 answers on (connecting is refused), other than $1.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    [ "$port" = "${1:-}" ] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found on 127.0.0.1" >&2
  return 1
}
gateway_port="${SIGHTINGS_GATEWAY_PORT:-$(free_port)}"
silo_port="${SIGHTINGS_SILO_PORT:-$(free_port "$gateway_port")}"

echo "== starting an embedded broker on 127.0.0.1:$gateway_port (data in $data)"
# Run from the data folder, so nothing the silo writes lands in the repository.
(cd "$data" && exec dotnet "$silo_dll" \
  --AkLight:Silo:SiloPort="$silo_port" \
  --AkLight:Silo:GatewayPort="$gateway_port" \
  --AkLight:Silo:ListenOnAnyAddress=false \
  --AkLight:Storage:DataDirectory="$data/store" \
  --AkLight:Dashboard:Enabled=false \
  --AkLight:Mqtt:Enabled=false \
  --AkLight:Kafka:Enabled=false \
  --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information) >"$data/silo.log" 2>&1 &
silo_pid=$!

# The silo logs "Application started" once it accepts clients; give it a minute at most.
for _ in $(seq 1 120); do
  grep -q "Application started" "$data/silo.log" && break
  if ! kill -0 "$silo_pid" 2>/dev/null; then echo "the broker exited while starting:" >&2; cat "$data/silo.log" >&2; exit 1; fi
  sleep 0.5
done
if ! grep -q "Application started" "$data/silo.log"; then echo "the broker did not start within 60 s:" >&2; cat "$data/silo.log" >&2; exit 1; fi

echo "== running: AkLight.Examples.Sightings all --broker 127.0.0.1:$gateway_port $*"
status=0
dotnet "$example_dll" all --broker "127.0.0.1:$gateway_port" "$@" || status=$?
echo "== example exited with $status; stopping the broker"
exit "$status"
