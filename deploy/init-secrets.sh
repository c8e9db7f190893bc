#!/usr/bin/env bash
# Makes the secrets docker compose needs, once, before the first `docker compose up`:
#   .env                          AKLIGHT_POSTGRES_PASSWORD and the API keys of the compose services and of you
#   deploy/secrets/principals.conf  the silos' principals: only the keys' PBKDF2 hashes, and the access rules
# Both are ignored by git. Existing files are kept: delete them to start over (and `docker compose down -v`,
# since the database keeps the password it was created with).
#
#   deploy/init-secrets.sh [ENV_FILE] [PRINCIPALS_FILE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
env_file="${1:-$root/.env}"
principals="${2:-$root/deploy/secrets/principals.conf}"

if [ -e "$env_file" ] || [ -e "$principals" ]; then
  echo "kept: $env_file and $principals exist already (delete both to make new secrets)" >&2
  exit 0
fi
command -v python3 >/dev/null || { echo "init-secrets: needs python3 (for the key hashes)" >&2; exit 1; }
mkdir -p "$(dirname "$principals")" "$(dirname "$env_file")"
umask 077

# One key per principal: NAME:SECRET, 256 random bits. The file the silos read holds the hash only, in the form
# AkLight.Silo's `principal add` writes (pbkdf2-sha256$iterations$salt$hash).
python3 - "$env_file" "$principals" <<'PY'
import base64, hashlib, os, secrets, sys
env_file, principals = sys.argv[1], sys.argv[2]
rules = {
    "admin": ["admin #"],                                   # you: the console, the dashboard, topic administration
    "agent": ["produce metrics/#"],                         # producer1, producer2
    "monitor": ["consume metrics/#", "produce alerts/#"],   # consumer1
}
iterations = 600_000
keys, lines = {}, ["# AKLight principals: made by deploy/init-secrets.sh; see README, Security."]
for name, allowed in rules.items():
    secret = secrets.token_urlsafe(32)
    keys[name] = f"{name}:{secret}"
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, iterations, 32)
    lines.append(f"principal {name} pbkdf2-sha256${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}")
    lines += [f"allow {name} {rule}" for rule in allowed]
with open(principals, "w") as f:
    f.write("\n".join(lines) + "\n")
with open(env_file, "w") as f:
    f.write("# Secrets of the AKLight compose stack: made by deploy/init-secrets.sh. Keep this file private.\n")
    f.write(f"AKLIGHT_POSTGRES_PASSWORD={secrets.token_urlsafe(24)}\n")
    f.write(f"AKLIGHT_ADMIN_TOKEN={keys['admin']}\n")
    f.write(f"AKLIGHT_AGENT_TOKEN={keys['agent']}\n")
    f.write(f"AKLIGHT_MONITOR_TOKEN={keys['monitor']}\n")
PY
chmod 644 "$principals" # the silo containers read it as their own user; it holds hashes only
echo "wrote $env_file (the keys: AKLIGHT_ADMIN_TOKEN is yours) and $principals"
