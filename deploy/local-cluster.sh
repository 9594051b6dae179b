#!/usr/bin/env bash
# A real OrleansProxy cluster on 127.0.0.1: Redis, 2 silos, 2 gateways and an nginx load balancer, each its own
# process, all run as the calling user from one state folder.
#
#   deploy/local-cluster.sh up       build (Release), start everything, wait until the load balancer answers /readyz;
#                                    the last line printed is the load balancer's base URL
#   deploy/local-cluster.sh status   what runs, on which port, and whether it is ready (exit 3 if anything is down)
#   deploy/local-cluster.sh down     stop exactly the processes `up` started (from their PID files)
#
# Every process gets the caller's environment: AWS_CREDENTIALS, AWS_ENDPOINT_URL_*, PROXY_KEY, ALLOW_AWS_LOGGING,
# Pool__*, Gateway__*, ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID, ... The script itself sets ORLEANS_REDIS (its own
# Redis), ORLEANS_SILO_PORT / ORLEANS_GATEWAY_PORT per silo and ASPNETCORE_URLS per process (loopback only).
#
# State folder: LOCAL_CLUSTER_DIR (default .local-cluster/ in the repository): logs, PID files (redis.pid, silo1.pid,
# silo2.pid, gateway1.pid, gateway2.pid, nginx.pid), Redis' append-only file (state survives down/up), nginx's config
# and temp folders.
#
# Ports (defaults; each overridable; LOCAL_CLUSTER_PORT_OFFSET is added to every default, so a second cluster can run
# beside the first with e.g. LOCAL_CLUSTER_DIR=.local-cluster-2 LOCAL_CLUSTER_PORT_OFFSET=100):
#   LOCAL_CLUSTER_LB_PORT            8800   nginx, in front of both gateways
#   LOCAL_CLUSTER_GATEWAY1_PORT      7861   gateway 1 HTTP
#   LOCAL_CLUSTER_GATEWAY2_PORT      7862   gateway 2 HTTP
#   LOCAL_CLUSTER_SILO1_HTTP_PORT    8081   silo 1 /healthz and /readyz
#   LOCAL_CLUSTER_SILO2_HTTP_PORT    8082   silo 2 /healthz and /readyz
#   LOCAL_CLUSTER_SILO1_PORT        11111   silo 1 silo-to-silo (ORLEANS_SILO_PORT)
#   LOCAL_CLUSTER_SILO2_PORT        11112   silo 2 silo-to-silo
#   LOCAL_CLUSTER_SILO1_GATEWAY_PORT 30000  silo 1 Orleans client gateway (ORLEANS_GATEWAY_PORT)
#   LOCAL_CLUSTER_SILO2_GATEWAY_PORT 30001  silo 2 Orleans client gateway
#   LOCAL_CLUSTER_REDIS_PORT         6380   Redis (not 6379, to keep clear of a system Redis)
# Other knobs: LOCAL_CLUSTER_CONFIGURATION (Release), LOCAL_CLUSTER_SKIP_BUILD=1 (run the existing build),
# LOCAL_CLUSTER_READY_TIMEOUT (seconds each node may take to become ready, 120).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$(realpath -m "${LOCAL_CLUSTER_DIR:-$ROOT/.local-cluster}")"
OFFSET="${LOCAL_CLUSTER_PORT_OFFSET:-0}"
port() { echo $(( $2 + OFFSET )); }
LB_PORT="${LOCAL_CLUSTER_LB_PORT:-$(port lb 8800)}"
GATEWAY1_PORT="${LOCAL_CLUSTER_GATEWAY1_PORT:-$(port gw1 7861)}"
GATEWAY2_PORT="${LOCAL_CLUSTER_GATEWAY2_PORT:-$(port gw2 7862)}"
SILO1_HTTP_PORT="${LOCAL_CLUSTER_SILO1_HTTP_PORT:-$(port s1h 8081)}"
SILO2_HTTP_PORT="${LOCAL_CLUSTER_SILO2_HTTP_PORT:-$(port s2h 8082)}"
SILO1_PORT="${LOCAL_CLUSTER_SILO1_PORT:-$(port s1 11111)}"
SILO2_PORT="${LOCAL_CLUSTER_SILO2_PORT:-$(port s2 11112)}"
SILO1_GATEWAY_PORT="${LOCAL_CLUSTER_SILO1_GATEWAY_PORT:-$(port s1g 30000)}"
SILO2_GATEWAY_PORT="${LOCAL_CLUSTER_SILO2_GATEWAY_PORT:-$(port s2g 30001)}"
REDIS_PORT="${LOCAL_CLUSTER_REDIS_PORT:-$(port redis 6380)}"
READY_TIMEOUT="${LOCAL_CLUSTER_READY_TIMEOUT:-120}"
CONFIGURATION="${LOCAL_CLUSTER_CONFIGURATION:-Release}"
SILO_DLL="$ROOT/src/Silo/bin/$CONFIGURATION/net10.0/OrleansProxy.Silo.dll"
GATEWAY_DLL="$ROOT/src/Gateway/bin/$CONFIGURATION/net10.0/OrleansProxy.Gateway.dll"
COMPONENTS=(redis silo1 silo2 gateway1 gateway2 nginx)

say() { echo "local-cluster: $*" >&2; }
die() { say "$*"; exit 1; }

# --- helpers -------------------------------------------------------------------------------------------------------

find_program() { # name -> path (nginx and redis-server live in sbin on Debian)
  command -v "$1" 2>/dev/null && return 0
  local folder
  for folder in /usr/sbin /usr/local/sbin /sbin; do
    [[ -x "$folder/$1" ]] && { echo "$folder/$1"; return 0; }
  done
  return 1
}

install_packages() {
  local missing=()
  find_program redis-server >/dev/null || missing+=(redis-server)
  find_program nginx >/dev/null || missing+=(nginx)
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
    sudo=(sudo)
  fi
  say "installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update -qq >"$DIR/apt.log" 2>&1 || { tail -20 "$DIR/apt.log" >&2; die "apt-get update failed"; }
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >>"$DIR/apt.log" 2>&1 \
    || { tail -20 "$DIR/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
}

http_status() { # url -> HTTP status code, 000 when nothing answers
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true
    return 0
  fi
  local rest=${1#http://} hostport path status=000
  hostport=${rest%%/*}; path=/${rest#*/}
  if { exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}"; } 2>/dev/null; then
    printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
    read -r -t 5 _ status _ <&3 || true
    exec 3>&-
  fi
  echo "${status:-000}"
}

pid_of() { [[ -s "$DIR/$1.pid" ]] && tr -dc '0-9' <"$DIR/$1.pid"; }

# The PID is ours only if the process still runs and is what we started (PIDs get reused).
expected_command() {
  case "$1" in
    redis) echo "redis-server" ;;
    silo*) echo "OrleansProxy.Silo.dll" ;;
    gateway*) echo "OrleansProxy.Gateway.dll" ;;
    nginx) echo "nginx: master process" ;;
  esac
}

running() { # component -> exit 0 when its recorded process is alive and ours
  local pid; pid=$(pid_of "$1") || return 1
  [[ -n "$pid" && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(expected_command "$1")" || return 1
  # The two silos (and gateways) run the same dll: tell them apart by the log they write to.
  if [[ $1 == silo* || $1 == gateway* ]]; then
    [[ $(readlink "/proc/$pid/fd/1" 2>/dev/null) == "$DIR/$1.log" ]] || return 1
  fi
}

alive() { # component -> exit 0 while its recorded process exists (identity not checked: it may still be exec'ing)
  local pid; pid=$(pid_of "$1") || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

readyz_url() {
  case "$1" in
    silo1) echo "http://127.0.0.1:$SILO1_HTTP_PORT/readyz" ;;
    silo2) echo "http://127.0.0.1:$SILO2_HTTP_PORT/readyz" ;;
    gateway1) echo "http://127.0.0.1:$GATEWAY1_PORT/readyz" ;;
    gateway2) echo "http://127.0.0.1:$GATEWAY2_PORT/readyz" ;;
    nginx) echo "http://127.0.0.1:$LB_PORT/readyz" ;;
  esac
}

redis_ready() {
  local reply=""
  if { exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT"; } 2>/dev/null; then
    printf 'PING\r\n' >&3
    read -r -t 2 reply <&3 || true
    exec 3>&-
  fi
  [[ $reply == +PONG* ]]
}

ready() { # component -> exit 0 when it answers its readiness probe
  if [[ $1 == redis ]]; then redis_ready; else [[ $(http_status "$(readyz_url "$1")") == 200 ]]; fi
}

wait_ready() { # component
  local deadline=$((SECONDS + READY_TIMEOUT))
  until ready "$1"; do
    alive "$1" || { say "$1 exited; the end of $DIR/$1.log:"; tail -30 "$DIR/$1.log" >&2; return 1; }
    ((SECONDS < deadline)) || { say "$1 not ready after ${READY_TIMEOUT} s; see $DIR/$1.log"; return 1; }
    sleep 0.5
  done
}

# Starts a process detached from this shell, with the caller's environment plus the given assignments; its PID
# (the same process after exec) goes in <component>.pid.
launch() { # component command...
  local component=$1; shift
  : >"$DIR/$component.log"
  setsid nohup env "$@" >>"$DIR/$component.log" 2>&1 </dev/null &
  echo $! >"$DIR/$component.pid"
}

# Quieter, timestamped logs unless the caller chose otherwise.
logging_defaults() {
  local name value
  for pair in "Logging__Console__TimestampFormat=HH:mm:ss.fff " "Logging__LogLevel__Microsoft=Warning" \
              "Logging__LogLevel__Polly=Warning"; do
    name=${pair%%=*}; value=${pair#*=}
    [[ -n "$(printenv "$name" 2>/dev/null || true)" ]] || printf '%s\n' "$name=$value"
  done
}

write_nginx_config() {
  local user_directive=""
  # A root master process would hand its workers to nobody; keep them as the caller.
  [[ $(id -u) -eq 0 ]] && user_directive="user $(id -un) $(id -gn);"
  mkdir -p "$DIR/nginx/client_body" "$DIR/nginx/proxy" "$DIR/nginx/fastcgi" "$DIR/nginx/uwsgi" "$DIR/nginx/scgi"
  cat >"$DIR/nginx/nginx.conf" <<EOF
# Written by deploy/local-cluster.sh; every path is under the state folder, nothing from the system nginx.
$user_directive
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $DIR/nginx-access.log;
  client_body_temp_path $DIR/nginx/client_body;
  proxy_temp_path $DIR/nginx/proxy;
  fastcgi_temp_path $DIR/nginx/fastcgi;
  uwsgi_temp_path $DIR/nginx/uwsgi;
  scgi_temp_path $DIR/nginx/scgi;
  # The gateways accept bodies up to 32 MiB (Gateway:MaxBodyBytes), as Anthropic does.
  client_max_body_size 32m;

  upstream gateways {
    server 127.0.0.1:$GATEWAY1_PORT max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$GATEWAY2_PORT max_fails=1 fail_timeout=5s;
    keepalive 32;
  }

  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://gateways;
      # HTTP/1.1 with an empty Connection header keeps upstream connections alive.
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # Server-sent events go to the client as each frame arrives.
      proxy_buffering off;
      proxy_cache off;
      proxy_request_buffering off;
      # A whole request may take 10 min (Gateway:RequestTimeout); streams send a heartbeat every 10 s while waiting.
      proxy_read_timeout 15m;
      proxy_send_timeout 15m;
      proxy_connect_timeout 2s;
      # A gateway that refuses the connection is skipped; a POST already sent is never replayed.
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
    }
  }
}
EOF
}

# --- commands ------------------------------------------------------------------------------------------------------

status() {
  local component pid state probe down=0
  printf '%-9s %-8s %-9s %s\n' component pid state "readiness probe" >&2
  for component in "${COMPONENTS[@]}"; do
    pid=$(pid_of "$component" || true)
    if running "$component"; then
      if ready "$component"; then state=ready; else state=starting; down=1; fi
    else
      state=down; down=1
    fi
    probe=$(readyz_url "$component"); [[ $component == redis ]] && probe="PING 127.0.0.1:$REDIS_PORT"
    printf '%-9s %-8s %-9s %s\n' "$component" "${pid:--}" "$state" "$probe" >&2
  done
  return $((down * 3))
}

up() {
  mkdir -p "$DIR/redis"
  local component any=0 all=1
  for component in "${COMPONENTS[@]}"; do
    if running "$component"; then any=1; else all=0; fi
  done
  if ((all)) && ready nginx; then
    say "already up (state folder $DIR)"
    echo "http://127.0.0.1:$LB_PORT"
    return 0
  fi
  ((any == 0)) || die "partly running (see: $0 status); run '$0 down' first"

  command -v dotnet >/dev/null || die "dotnet was not found on PATH"
  install_packages
  local redis nginx
  redis=$(find_program redis-server) || die "redis-server is not installed"
  nginx=$(find_program nginx) || die "nginx is not installed"

  if [[ ${LOCAL_CLUSTER_SKIP_BUILD:-0} != 1 ]]; then
    say "building Silo and Gateway ($CONFIGURATION)"
    { dotnet build "$ROOT/src/Silo/Silo.csproj" -c "$CONFIGURATION" -nologo -v q \
        && dotnet build "$ROOT/src/Gateway/Gateway.csproj" -c "$CONFIGURATION" -nologo -v q; } >"$DIR/build.log" 2>&1 \
      || { tail -30 "$DIR/build.log" >&2; die "build failed; see $DIR/build.log"; }
  fi
  [[ -f $SILO_DLL && -f $GATEWAY_DLL ]] || die "no $CONFIGURATION build found ($SILO_DLL)"

  trap 'say "start-up failed; stopping what was started"; down >/dev/null 2>&1 || true' EXIT
  say "state folder $DIR"
  launch redis "$redis" --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DIR/redis" --appendonly yes --save "" \
    --daemonize no --protected-mode yes
  wait_ready redis

  mapfile -t logging < <(logging_defaults)
  # Loopback only, whatever the caller's environment says about advertising or Kubernetes.
  local cluster=(-u ORLEANS_ADVERTISED_IP -u ORLEANS_KUBERNETES "${logging[@]}" "ORLEANS_REDIS=127.0.0.1:$REDIS_PORT")
  launch silo1 "${cluster[@]}" "ORLEANS_SILO_PORT=$SILO1_PORT" "ORLEANS_GATEWAY_PORT=$SILO1_GATEWAY_PORT" \
    "ASPNETCORE_URLS=http://127.0.0.1:$SILO1_HTTP_PORT" dotnet "$SILO_DLL"
  launch silo2 "${cluster[@]}" "ORLEANS_SILO_PORT=$SILO2_PORT" "ORLEANS_GATEWAY_PORT=$SILO2_GATEWAY_PORT" \
    "ASPNETCORE_URLS=http://127.0.0.1:$SILO2_HTTP_PORT" dotnet "$SILO_DLL"
  wait_ready silo1
  wait_ready silo2

  launch gateway1 "${cluster[@]}" "ASPNETCORE_URLS=http://127.0.0.1:$GATEWAY1_PORT" dotnet "$GATEWAY_DLL"
  launch gateway2 "${cluster[@]}" "ASPNETCORE_URLS=http://127.0.0.1:$GATEWAY2_PORT" dotnet "$GATEWAY_DLL"
  wait_ready gateway1
  wait_ready gateway2

  write_nginx_config
  "$nginx" -t -q -p "$DIR/nginx/" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx-error.log" \
    || die "nginx rejected $DIR/nginx/nginx.conf; see $DIR/nginx-error.log"
  # nginx daemonizes; its master process writes nginx.pid itself.
  "$nginx" -p "$DIR/nginx/" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx-error.log" >"$DIR/nginx.log" 2>&1 </dev/null
  local deadline=$((SECONDS + 10))
  until running nginx; do
    ((SECONDS < deadline)) || { cat "$DIR/nginx-error.log" >&2; die "nginx did not start"; }
    sleep 0.2
  done
  wait_ready nginx
  trap - EXIT

  status || true
  echo "http://127.0.0.1:$LB_PORT"
}

stop_components() { # components... : SIGTERM to all at once, wait up to 15 s, then SIGKILL what is left
  local component pid i pids=()
  for component in "$@"; do
    if running "$component"; then
      pid=$(pid_of "$component")
      pids+=("$component:$pid")
      kill -TERM "$pid" 2>/dev/null || true
    else
      rm -f "$DIR/$component.pid"
    fi
  done
  for ((i = 0; i < 150; i++)); do
    local alive=0
    for component in "$@"; do running "$component" && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for entry in "${pids[@]}"; do
    component=${entry%%:*}; pid=${entry#*:}
    if running "$component"; then
      say "$component (pid $pid) ignored SIGTERM for 15 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$DIR/$component.pid"
    say "stopped $component (pid $pid)"
  done
}

down() {
  [[ -d $DIR ]] || { say "nothing to stop ($DIR does not exist)"; return 0; }
  # Front to back: no new requests reach a gateway whose cluster is already gone.
  stop_components nginx
  stop_components gateway1 gateway2
  stop_components silo1 silo2
  stop_components redis
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
