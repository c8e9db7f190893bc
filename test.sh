#!/usr/bin/env bash
# The README's test command: installs what the tests need and is missing (Debian packages, through apt-get as
# root, or sudo), then runs every test of the solution and ends with one line of totals
# ("N passed, M failed, K skipped"). Arguments go to `dotnet test` (e.g. --filter).
set -uo pipefail
cd "$(dirname "$0")"

# What the tests need beyond the .NET SDK: "package|check that it is there". Later needs go here too.
requirements=(
  "postgresql|ls /usr/lib/postgresql/*/bin/initdb"      # cluster tests start a throwaway PostgreSQL
  "chromium|command -v chromium"                         # the web console tests drive headless Chromium
  "docker-compose|command -v docker-compose"             # validates docker-compose.yml (no engine needed)
  "kcat|command -v kcat"                                 # the Kafka door tests drive Debian's kcat
  "mosquitto-clients|command -v mosquitto_sub"           # the MQTT door's tests use mosquitto_pub and mosquitto_sub
)

missing=()
for requirement in "${requirements[@]}"; do
  package=${requirement%%|*}
  check=${requirement#*|}
  eval "$check" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null 2>&1; then as_root=(sudo); else
    echo "The tests need: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run this as root." >&2; exit 1
  fi
  echo "Installing what the tests need: ${missing[*]}"
  if ! { "${as_root[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "Could not install ${missing[*]} with apt-get." >&2; exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test AkLight.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Name every failed test again just above the totals, so the end of a long log says which ones failed.
failed_tests=$(grep -E '^ +Failed [A-Za-z_]' "$log" | sed -E 's/^ +//' | sort -u)
[ -n "$failed_tests" ] && printf 'failed tests:\n%s\n' "$failed_tests"
# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...").
total() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
echo "$(total Passed) passed, $(total Failed) failed, $(total Skipped) skipped"
exit "$status"
