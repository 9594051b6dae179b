#!/usr/bin/env bash
# Session affinity replay (issue 13): builds Release, then replays synthetic Claude Code sessions through a fresh
# standalone gateway with session affinity on, off, and on a single account (the reference), against an in-process
# fake Bedrock with 10 accounts in 2 regions. Writes bench/results/sessions.md. About 2 minutes after the build.
#
#   bench/sessions.sh                       # 50 sessions of 8 turns
#   bench/sessions.sh --sessions 20 --turns 12
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== build (Release)" >&2
for project in src/Gateway/Gateway.csproj tests/LoadTest/LoadTest.csproj; do
    dotnet build -c Release -nologo -v quiet "$project" >&2
done

mkdir -p bench/results/logs
exec dotnet tests/LoadTest/bin/Release/net10.0/OrleansProxy.LoadTest.dll sessions \
    --gateway-dll src/Gateway/bin/Release/net10.0/OrleansProxy.Gateway.dll \
    --out bench/results/sessions.md --logs bench/results/logs "$@"
