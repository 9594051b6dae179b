#!/usr/bin/env bash
# Users at scale (issue 14): builds the gateway (Release), starts it standalone in user_token mode on 127.0.0.1,
# creates N users through the admin API, then times the list endpoint's pages (first, deep cursor, filtered) and
# one user's read, and records the gateway's memory. Writes bench/results/users-scale.md. About 2 minutes for
# 100,000 users after the build. No Bedrock is needed: AWS endpoints point at a closed loopback port.
#
#   bench/users-scale.sh              # 100,000 users
#   bench/users-scale.sh --users 20000
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

users=100000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --users) users="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

echo "== build (Release)" >&2
dotnet build -c Release -nologo -v quiet src/Gateway/Gateway.csproj >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"
admin_key="users-scale-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p bench/results/logs
log=bench/results/logs/users-scale-gateway.log

ASPNETCORE_URLS="http://127.0.0.1:$port" \
GATEKEEPER=user_token ADMIN_KEY="$admin_key" PROXY_KEY="" \
AWS_CREDENTIALS="AKIAUSERSSCALE000001:users/scale/secret/0123456789abcdefghij:us-east-1" \
AWS_ENDPOINT_URL_BEDROCK_RUNTIME="http://127.0.0.1:9" AWS_ENDPOINT_URL_BEDROCK="http://127.0.0.1:9" \
ORLEANS_SILO_PORT="$(free_port)" ORLEANS_GATEWAY_PORT="$(free_port)" ORLEANS_CLUSTER_ID="users-scale-$$" \
Logging__LogLevel__Default=Warning \
    dotnet src/Gateway/bin/Release/net10.0/OrleansProxy.Gateway.dll >"$log" 2>&1 &
gateway=$!
trap 'kill "$gateway" 2>/dev/null || true; wait "$gateway" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD -- src 2>/dev/null || commit="$commit+uncommitted"
node bench/users-scale.mjs --base "http://127.0.0.1:$port" --admin-key "$admin_key" --users "$users" \
    --pid "$gateway" --commit "$commit" --out bench/results/users-scale.md
