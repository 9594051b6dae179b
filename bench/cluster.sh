#!/usr/bin/env bash
# Row (d): the same load run, plus a gateway in cluster mode (2 silos on Redis, gateway 1 of deploy/local-cluster.sh)
# measured beside (a)-(c) in one run. Everything on 127.0.0.1; everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
credentials="AKIABENCHLOAD0000001:bench/secret+one/0123456789abcdefghijklmn:us-east-1,AKIABENCHLOAD0000002:bench/secret+two/0123456789abcdefghijklmn:us-east-1,AKIABENCHLOAD0000003:bench/secret+three/0123456789abcdefghijkl:us-west-2,AKIABENCHLOAD0000004:bench/secret+four/0123456789abcdefghijklm:us-west-2"
state="${LOCAL_CLUSTER_DIR:-.local-cluster-bench}"
key="bench-cluster-proxy-key"
mkdir -p bench/results/logs
dotnet build tests/FakeBedrock -c Release -nologo -v quiet >/dev/null
fake_dll=tests/FakeBedrock/bin/Release/net10.0/OrleansProxy.Testing.FakeBedrock.dll
dotnet "$fake_dll" --urls http://127.0.0.1:0 --credentials "$credentials" --request-log-capacity 0 > bench/results/logs/cluster-fake.log 2>&1 &
fake_pid=$!
cleanup() {
  LOCAL_CLUSTER_DIR="$state" deploy/local-cluster.sh down >/dev/null 2>&1 || true
  kill "$fake_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
for _ in $(seq 1 100); do
  fake_url=$(grep -o 'http://127.0.0.1:[0-9]*' bench/results/logs/cluster-fake.log | head -n 1 || true)
  [ -n "$fake_url" ] && break
  sleep 0.2
done
[ -n "$fake_url" ] || { echo "the fake Bedrock did not start" >&2; exit 1; }
lb_url=$(LOCAL_CLUSTER_DIR="$state" LOCAL_CLUSTER_PORT_OFFSET="${LOCAL_CLUSTER_PORT_OFFSET:-300}" \
  AWS_CREDENTIALS="$credentials" AWS_ENDPOINT_URL_BEDROCK_RUNTIME="$fake_url" AWS_ENDPOINT_URL_BEDROCK="$fake_url" \
  PROXY_KEY="$key" Pool__InitialCheckSpread=00:00:00 deploy/local-cluster.sh up | tail -n 1)
gateway1="http://127.0.0.1:$(( ${LOCAL_CLUSTER_GATEWAY1_PORT:-$((7861 + ${LOCAL_CLUSTER_PORT_OFFSET:-300}))} ))"
echo "cluster up: load balancer $lb_url, measuring gateway 1 at $gateway1"
bash bench/run.sh --fake-url "$fake_url" --gateway-url "$gateway1" --gateway-key "$key" \
  --gateway-label "cluster: 1 gateway + 2 silos on Redis" "$@"
