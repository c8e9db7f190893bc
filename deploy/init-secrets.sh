#!/usr/bin/env bash
# Makes the secrets docker compose needs, once, before the first `docker compose up`:
#   .env                          the database passwords (AKLIGHT_POSTGRES_ADMIN_PASSWORD for the superuser,
#                                 AKLIGHT_POSTGRES_PASSWORD for the role the silos use) and the API keys of the
#                                 compose services and of you
#   deploy/secrets/principals.conf  the silos' principals: only the keys' SCRAM verifiers, and the access rules
#   deploy/secrets/tls/           with openssl: a CA of the stack's own (ca/ca.pem; its key in
#                                 deploy/secrets/tls-ca.key) and the silos' certificate (silo.pem, silo.key),
#                                 used when .env says AKLIGHT_TLS=true
# All are ignored by git. Existing files are kept: delete them to start over (and `docker compose down -v`,
# since the database keeps the passwords it was created with).
#
#   deploy/init-secrets.sh [ENV_FILE] [PRINCIPALS_FILE] [TLS_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
env_file="${1:-$root/.env}"
principals="${2:-$root/deploy/secrets/principals.conf}"
tls="${3:-$(dirname "$principals")/tls}"

# The silos' certificate, signed by a CA made for this stack; silos show it to clients and to each other.
make_tls() {
  if [ -e "$tls/silo.pem" ]; then echo "kept: $tls holds a certificate already" >&2; return 0; fi
  if ! command -v openssl >/dev/null; then echo "init-secrets: no openssl, so no TLS certificates (TLS stays off)" >&2; return 0; fi
  local ca_key work
  ca_key="$(dirname "$tls")/tls-ca.key"
  work=$(mktemp -d)
  mkdir -p "$tls/ca"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/CN=AKLight stack CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$ca_key" -out "$tls/ca/ca.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=aklight-silo" \
    -keyout "$tls/silo.key" -out "$work/silo.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:silo1,DNS:silo2,DNS:localhost,IP:127.0.0.1" > "$work/silo.ext"
  openssl x509 -req -in "$work/silo.csr" -CA "$tls/ca/ca.pem" -CAkey "$ca_key" -CAcreateserial -days 825 \
    -extfile "$work/silo.ext" -out "$tls/silo.pem" 2>/dev/null
  rm -rf "$work" "$tls/ca/ca.srl"
  # The containers read them as their own user (uid 1654, the images' `app`): the key is theirs where this
  # script may give it away (as root), else readable by all, like principals.conf.
  chmod 755 "$tls" "$tls/ca"; chmod 644 "$tls/ca/ca.pem" "$tls/silo.pem"
  if chown 1654 "$tls/silo.key" 2>/dev/null; then chmod 600 "$tls/silo.key"; else chmod 644 "$tls/silo.key"; fi
  echo "wrote $tls (silo certificate, CA in $tls/ca/ca.pem): set AKLIGHT_TLS=true in .env to use it"
}

if [ -e "$env_file" ] || [ -e "$principals" ]; then
  # An .env of an earlier version: add the superuser's password it lacks (used only for a new database volume).
  if [ -e "$env_file" ] && ! grep -q '^AKLIGHT_POSTGRES_ADMIN_PASSWORD=' "$env_file"; then
    command -v python3 >/dev/null || { echo "init-secrets: needs python3" >&2; exit 1; }
    echo "AKLIGHT_POSTGRES_ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')" >> "$env_file"
    echo "added AKLIGHT_POSTGRES_ADMIN_PASSWORD to $env_file"
  fi
  echo "kept: $env_file and $principals exist already (delete both to make new secrets)" >&2
  make_tls
  exit 0
fi
command -v python3 >/dev/null || { echo "init-secrets: needs python3 (for the key hashes)" >&2; exit 1; }
mkdir -p "$(dirname "$principals")" "$(dirname "$env_file")"
umask 077

# One key per principal: NAME:SECRET, 256 random bits. The file the silos read holds the SCRAM-SHA-256 verifier only,
# in the form AkLight.Silo's `principal add` writes (scram-sha-256$iterations$salt$storedKey$serverKey, RFC 5802).
python3 - "$env_file" "$principals" <<'PY'
import base64, hashlib, hmac, os, secrets, sys
env_file, principals = sys.argv[1], sys.argv[2]
rules = {
    "admin": ["admin #"],                                   # you: the console, the dashboard, topic administration
    "agent": ["produce metrics/#", "produce events/#"],                         # producer1, producer2
    "monitor": ["consume metrics/#", "consume events/#", "produce alerts/#"],   # consumer1
}
iterations = 600_000
keys, lines = {}, ["# AKLight principals: made by deploy/init-secrets.sh; see README, Security."]
for name, allowed in rules.items():
    secret = secrets.token_urlsafe(32)
    keys[name] = f"{name}:{secret}"
    salt = os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, iterations, 32)
    stored_key = hashlib.sha256(hmac.digest(salted, b"Client Key", "sha256")).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")
    b64 = lambda b: base64.b64encode(b).decode()
    lines.append(f"principal {name} scram-sha-256${iterations}${b64(salt)}${b64(stored_key)}${b64(server_key)}")
    lines += [f"allow {name} {rule}" for rule in allowed]
with open(principals, "w") as f:
    f.write("\n".join(lines) + "\n")
with open(env_file, "w") as f:
    f.write("# Secrets of the AKLight compose stack: made by deploy/init-secrets.sh. Keep this file private.\n")
    f.write(f"AKLIGHT_POSTGRES_ADMIN_PASSWORD={secrets.token_urlsafe(24)}\n")
    f.write(f"AKLIGHT_POSTGRES_PASSWORD={secrets.token_urlsafe(24)}\n")
    f.write("# TLS on the gateways and between the silos (the certificates in deploy/secrets/tls); clients on this\n")
    f.write("# machine then need AKLIGHT_TLS_CA=deploy/secrets/tls/ca/ca.pem.\n")
    f.write("AKLIGHT_TLS=false\n")
    f.write(f"AKLIGHT_ADMIN_TOKEN={keys['admin']}\n")
    f.write(f"AKLIGHT_AGENT_TOKEN={keys['agent']}\n")
    f.write(f"AKLIGHT_MONITOR_TOKEN={keys['monitor']}\n")
PY
chmod 644 "$principals" # the silo containers read it as their own user; it holds hashes only
echo "wrote $env_file (the keys: AKLIGHT_ADMIN_TOKEN is yours) and $principals"
make_tls
