#!/usr/bin/env bash
# The benchmarks' one command. Builds Release, then measures on 127.0.0.1, in one run and at a fixed concurrency:
#   (a) direct to the fake Bedrock (the client signs), (b) a plain YARP signing pass-through, (c) this gateway
#   standalone, (e) the same gateway's Bedrock front door (InvokeModel with a bearer key); (d) too with --gateway-url URL. Interleaved rounds, see bench/README.md. Writes
#   bench/results/latest.md. About 5 minutes after the build; the load part is bounded at 8.
#
#   bench/run.sh                      # rows a, b, c, e
#   bench/run.sh --gateway-url http://127.0.0.1:7860 --gateway-key KEY --gateway-label "2-silo cluster"
#   bench/run.sh --micro              # then the BenchmarkDotNet suite too (+~2 min) -> bench/results/micro.md
#
# Any other option goes to the load tool (see bench/README.md): --connections 32 --rounds 3 --duration 12 ...
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

micro=0
args=()
for arg in "$@"; do
    if [[ "$arg" == "--micro" ]]; then micro=1; else args+=("$arg"); fi
done

pid=""
stop() {
    # The load tool kills its own children (fake, YARP, gateway) on SIGTERM; wait for it to do so.
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    exit 130
}
trap stop INT TERM HUP

echo "== build (Release)" >&2
for project in tests/FakeBedrock/FakeBedrock.csproj src/Gateway/Gateway.csproj tests/LoadTest/LoadTest.csproj; do
    dotnet build -c Release -nologo -v quiet "$project" >&2
done

out=bench/results
mkdir -p "$out/logs"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD -- src tests 2>/dev/null || commit="$commit+uncommitted"

echo "== load test" >&2
dotnet tests/LoadTest/bin/Release/net10.0/OrleansProxy.LoadTest.dll \
    --fake-dll tests/FakeBedrock/bin/Release/net10.0/OrleansProxy.Testing.FakeBedrock.dll \
    --gateway-dll src/Gateway/bin/Release/net10.0/OrleansProxy.Gateway.dll \
    --out "$out/latest.md" --logs "$out/logs" --commit "$commit" --time-limit 480 \
    ${args[@]+"${args[@]}"} &
pid=$!
rc=0
wait "$pid" || rc=$?
pid=""

if [[ "$micro" == 1 && "$rc" == 0 ]]; then
    echo "== BenchmarkDotNet suite" >&2
    artifacts="$out/BenchmarkDotNet.Artifacts"
    rm -rf "$artifacts"
    dotnet run -c Release --project tests/Benchmarks -- --filter '*' --artifacts "$artifacts" >"$out/logs/benchmarks.log" 2>&1 &
    pid=$!
    wait "$pid" || rc=$?
    pid=""
    {
        echo "# OrleansProxy micro-benchmarks — $(date -u '+%Y-%m-%d %H:%M') UTC, commit \`$commit\`"
        echo
        echo "BenchmarkDotNet, in-process Quick job (3 warm-up + 8 measured iterations of ~250 ms) on $(nproc) shared cores; load average $(cut -d' ' -f1-3 /proc/loadavg)."
        for report in "$artifacts"/results/*-report-github.md; do
            name="$(basename "$report" -report-github.md)"
            echo
            echo "## ${name#OrleansProxy.Benchmarks.}"
            echo
            sed -n '/^|/,$p' "$report"
        done
    } >"$out/micro.md"
    cat "$out/micro.md"
fi

exit "$rc"
