#!/usr/bin/env bash
# Runs every test project, then prints one closing line "N passed, N failed, N skipped" computed from the TRX
# results. Installs what the tests need (redis-server, nginx, chromium) when missing.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || { echo "installing test dependencies failed" >&2; exit 1; }

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build OrleansProxy.sln -c Debug -nologo -v minimal || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in $(find tests -name '*.Tests.csproj' | sort); do
  name=$(basename "$project" .csproj)
  echo "=== $name"
  dotnet test "$project" --no-build -c Debug -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(value passed); f=$(value failed); t=$(value total); e=$(value executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done

if [ "$files" -eq 0 ]; then
  echo "no test results were written" >&2
  failed=$((failed + 1)); status=1
fi
if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
