#!/usr/bin/env bash
# The whole monitoring pipeline on one machine, no Docker engine or database server needed:
# the broker on its embedded store, two metric agents with different ids, and the consumer's live
# table with alerts. Ctrl+C stops everything.
#
#   ./run.sh                 # data in ./data, gateway 127.0.0.1:30000, dashboard http://127.0.0.1:8080/dashboard
#   AKLIGHT_INTERVAL=2 ./run.sh
set -euo pipefail
cd "$(dirname "$0")"

gateway_port="${AKLIGHT_GATEWAY_PORT:-30000}"
silo_port="${AKLIGHT_SILO_PORT:-11111}"
dashboard_port="${AKLIGHT_DASHBOARD_PORT:-8080}"
data_dir="${AKLIGHT_DATA:-data}"
interval="${AKLIGHT_INTERVAL:-5}"
config=Release
out() { echo "$1/bin/$config/net10.0/AkLight.$1.dll"; }

echo "Building (first run takes a minute)..."
dotnet build -c "$config" -v quiet -nologo Silo/Silo.csproj
dotnet build -c "$config" -v quiet -nologo Producer/Producer.csproj
dotnet build -c "$config" -v quiet -nologo Consumer/Consumer.csproj

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT

mkdir -p "$data_dir"
silo_log="$data_dir/silo.log"
dotnet "$(out Silo)" --AkLight:Storage:DataDirectory="$data_dir" \
  --AkLight:Silo:GatewayPort="$gateway_port" --AkLight:Silo:SiloPort="$silo_port" \
  --AkLight:Dashboard:Port="$dashboard_port" >"$silo_log" 2>&1 &
pids+=($!)
echo "Broker starting (log: $silo_log)..."
for _ in $(seq 1 120); do
  grep -q "Application started" "$silo_log" 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "The broker stopped:"; tail -20 "$silo_log"; exit 1; }
  sleep 0.5
done
grep -q "Application started" "$silo_log" || { echo "The broker did not start within 60 s:"; tail -20 "$silo_log"; exit 1; }

export AKLIGHT_BROKERS="127.0.0.1:$gateway_port"
for id in producer1 producer2; do
  dotnet "$(out Producer)" agent --producer-id "$id" --interval "$interval" >"$data_dir/$id.log" 2>&1 &
  pids+=($!)
done
echo "Agents producer1 and producer2 sampling every ${interval}s (logs in $data_dir/). Ctrl+C stops everything."

dotnet "$(out Consumer)" monitor
