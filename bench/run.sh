#!/usr/bin/env bash
# The wsprobe benchmark: on this machine, in one run, each server in turn driven by the same load generator
# (`wsprobe load`), loopback only. Results: one JSON line per point in target/bench/<stamp>/points.jsonl and a
# Markdown table of medians (and ratios wsprobe / ws) in target/bench/<stamp>/table.md. See docs/benchmarks.md.
#
#   bench/run.sh                 # the full run (about 40 minutes on 2 cores)
#   RUNS=1 FANIN_POINTS="1000" FANIN_SECONDS=5 bench/run.sh     # a quick look
#
# Settings (environment):
#   RUNS              repetitions of everything, medians over them (default 3)
#   SERVERS           from wsprobe-ws wsprobe-wss node-ws wildfly-war payara-war wsprobe-ws-workers (default: the
#                     first five). wildfly-war: target/wsprobe.war on WildFly (provisioned into target/wildfly by the
#                     build's pre-integration-test phase if missing) with WildFly's own JVM settings; payara-war: the
#                     WAR on Payara Micro 6.2025.10 (copied into target/payara-micro by the same phase), loopback and
#                     no Hazelcast as in the container tests; both with the README's settings for them
#                     (docker/wildfly/tuning.cli, docker/payara/*.asadmin) unless WAR_TUNING=no; wsprobe-ws-workers:
#                     wsprobe-ws with the worker-pool transport that Grizzly and Tyrus default to
#   WAR_TUNING        yes (default): the application servers with the README's settings; no: as shipped
#   WORKERS_FANIN_POINTS fan-in points of wsprobe-ws-workers (default: 10000)
#   FANIN_POINTS      connection counts, 1 msg/s each, empty for none (default: 1000 5000 10000 19900; 19,900 is the most one
#                     process can hold under this machine's open-file limit of 20,000)
#   FANIN_SECONDS     measured time of a fan-in point (default 30), after WARMUP_SECONDS (default 5)
#   RAMP              new connections per second (default 500)
#   THROUGHPUT_POINTS echo-1 (1 connection, 64 in flight), echo-64 (64 connections, 16 in flight each), oneway-1
#                     (1 connection to /receive, 64 in flight, counted by the server) (default: all three)
#   THROUGHPUT_SECONDS measured time of a throughput point (default 10)
#   RAW_TCP           yes: also the raw TCP reference (default yes)
#   WSPROBE_JAVA_OPTS JVM options of the wsprobe server (default: the README's recommendation for many connections)
#   WSPROBE_SERVER_FLAGS  more `wsprobe server` flags, e.g. "--io-strategy worker-thread" to compare transports
#   LOAD_JAVA_OPTS    JVM options of the load generator (default: none)
#   SERVER_JAR        the jar the wsprobe servers run (default: target/wsprobe.jar, which also runs the load), to
#                     compare two builds of the server under the same load generator
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SERVERS=${SERVERS:-"wsprobe-ws wsprobe-wss node-ws wildfly-war payara-war"}
WAR_TUNING=${WAR_TUNING:-yes}
FANIN_POINTS=${FANIN_POINTS-"1000 5000 10000 19900"}
WORKERS_FANIN_POINTS=${WORKERS_FANIN_POINTS-10000}
FANIN_SECONDS=${FANIN_SECONDS:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-5}
RAMP=${RAMP:-500}
THROUGHPUT_SECONDS=${THROUGHPUT_SECONDS:-10}
THROUGHPUT_POINTS=${THROUGHPUT_POINTS-"echo-1 echo-64 oneway-1"}
RAW_TCP=${RAW_TCP:-yes}
WSPROBE_JAVA_OPTS=${WSPROBE_JAVA_OPTS:-"-XX:+UseSerialGC -Xmn16m"}
WSPROBE_SERVER_FLAGS=${WSPROBE_SERVER_FLAGS:-}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:-}
SIZE=52
# a WebSocket frame of a 52-byte text message from a client: 2 header bytes, 4 mask bytes, the payload
RAW_FRAME_BYTES=58
PORT=${BENCH_PORT:-23500}
TLS_PORT=$((PORT + 1))
RAW_PORT=$((PORT + 2))

JAR=target/wsprobe.jar
SERVER_JAR=${SERVER_JAR:-$JAR}
WAR=target/wsprobe.war
WILDFLY_HOME=${WILDFLY_HOME:-target/wildfly}
PAYARA_JAR=${PAYARA_JAR:-target/payara-micro/payara-micro.jar}
DEPS=bench/.deps
OUT=${BENCH_OUT:-target/bench/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
POINTS="$OUT/points.jsonl"
: > "$POINTS"

# Everything this script starts is ended by PID, also on Ctrl-C.
STARTED=()
cleanup() {
  for pid in "${STARTED[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

say() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/log.txt" >&2; }

# --- what we need -------------------------------------------------------------------------------------------
[ -f "$JAR" ] || mvn -q -B -DskipTests package
if [[ " $SERVERS " == *" wildfly-war "* ]] && [ ! -x "$WILDFLY_HOME/bin/standalone.sh" ]; then
  # the same Galleon-trimmed WildFly the container tests use (the pom's provision-wildfly execution)
  mvn -q -B -DskipTests -Pwildfly pre-integration-test
fi
if [[ " $SERVERS " == *" payara-war "* ]] && [ ! -f "$PAYARA_JAR" ]; then
  # the Payara Micro the container tests use (the pom's payara-micro execution)
  mvn -q -B -DskipTests -Ppayara pre-integration-test
fi
if [ ! -d "$DEPS/node_modules/ws" ]; then
  say "installing Node's ws into $DEPS (not committed)"
  mkdir -p "$DEPS"
  (cd "$DEPS" && npm install --no-audit --no-fund --silent ws@8)
fi
# each connection is an open file on both sides: take what the hard limit allows
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# --- the machine --------------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory: $(free -g | awk '/Mem:/{print $2}') GiB; kernel $(uname -r); open files: $(ulimit -n)"
  echo "java: $(java -version 2>&1 | head -1); node: $(node --version); ws: $(node -p "require('./$DEPS/node_modules/ws/package.json').version")"
  echo "wsprobe server JVM options: $WSPROBE_JAVA_OPTS; extra server flags: ${WSPROBE_SERVER_FLAGS:-none}"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "busiest other processes at start:"
  # command names only: another process's arguments may hold what is not ours to publish
  ps -eo pid,pcpu,rss,comm --sort=-pcpu | head -6
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

rss_kb() { awk '/VmRSS/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Samples a process's RSS twice a second into a file holding the peak, until killed.
start_rss_sampler() {
  local pid=$1 file=$2
  echo 0 > "$file"
  (
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
      r=$(rss_kb "$pid")
      # written aside and renamed: a reader never sees the file empty, half-written
      if [ "${r:-0}" -gt "$peak" ]; then peak=$r; echo "$peak" > "$file.new"; mv "$file.new" "$file"; fi
      sleep 0.5
    done
  ) &
  SAMPLER=$!
  STARTED+=("$SAMPLER")
}

# Starts server $1; sets SERVER_PID, TARGET_BASE (ws:// or wss:// base URL), TRUST (load's TLS options), READY_MS.
start_server() {
  local name=$1 log="$OUT/server-$1.log"
  local t0
  t0=$(date +%s%N)
  case "$name" in
    wsprobe-ws)
      java $WSPROBE_JAVA_OPTS -jar "$SERVER_JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 $WSPROBE_SERVER_FLAGS \
        > "$log" 2>&1 &
      TARGET_BASE="ws://127.0.0.1:$PORT"; TRUST=() ;;
    wsprobe-ws-workers)
      # the transport as Grizzly and Tyrus set it up by default (a worker pool, each message handed to it), to
      # show side by side why wsprobe's default is same-thread
      java $WSPROBE_JAVA_OPTS -jar "$SERVER_JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 $WSPROBE_SERVER_FLAGS \
        --io-strategy worker-thread --worker-threads 4 > "$log" 2>&1 &
      TARGET_BASE="ws://127.0.0.1:$PORT"; TRUST=() ;;
    wsprobe-wss)
      java $WSPROBE_JAVA_OPTS -jar "$SERVER_JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 $WSPROBE_SERVER_FLAGS \
        --self-signed --tls-port "$TLS_PORT" --cert-out "$OUT/cert.pem" > "$log" 2>&1 &
      TARGET_BASE="wss://127.0.0.1:$TLS_PORT"; TRUST=(--cacert "$OUT/cert.pem") ;;
    node-ws)
      NODE_PATH="$DEPS/node_modules" node bench/ws-server.js "$PORT" > "$log" 2>&1 &
      TARGET_BASE="ws://127.0.0.1:$PORT"; TRUST=() ;;
    wildfly-war)
      # a base directory of its own with only the WAR deployed; WildFly's JVM settings as shipped
      local base template="$WILDFLY_HOME/standalone"
      base="$(cd "$OUT" && pwd)/wildfly-base"
      if [ "$WAR_TUNING" = yes ]; then
        # the README's settings, applied once to a template every start copies
        template="$OUT/wildfly-tuned-template"
        [ -d "$template" ] || bench/war/wildfly-tuned.sh "$WILDFLY_HOME" "$template" > "$OUT/wildfly-tuning.log" 2>&1
      fi
      rm -rf "$base"
      cp -r "$template" "$base"
      rm -rf "$base/log"
      cp "$WAR" "$base/deployments/"
      "$WILDFLY_HOME/bin/standalone.sh" -Djboss.server.base.dir="$base" \
        -Djboss.bind.address=127.0.0.1 -Djboss.http.port="$PORT" -Djboss.https.port="$((PORT + 3))" \
        -Djboss.management.http.port="$((PORT + 4))" > "$log" 2>&1 &
      TARGET_BASE="ws://127.0.0.1:$PORT/wsprobe"; TRUST=() ;;
    payara-war)
      # its own temporary directory (Micro unpacks its runtime there) and only the WAR deployed
      local tmp preboot="$OUT/payara-preboot.asadmin" postboot=()
      tmp="$(cd "$OUT" && pwd)/payara-tmp"
      rm -rf "$tmp"; mkdir -p "$tmp"
      cp src/test/containers/payara-micro/preboot.asadmin "$preboot"
      if [ "$WAR_TUNING" = yes ]; then
        cat docker/payara/idle-timer-preboot.asadmin docker/payara/tuning-preboot.asadmin >> "$preboot"
        postboot=(--postbootcommandfile docker/payara/idle-timer-postboot.asadmin)
      fi
      java -Djava.io.tmpdir="$tmp" -jar "$PAYARA_JAR" --deploy "$WAR" --port "$PORT" --disablephonehome \
        --prebootcommandfile "$preboot" "${postboot[@]}" > "$log" 2>&1 &
      TARGET_BASE="ws://127.0.0.1:$PORT/wsprobe"; TRUST=() ;;
    *) echo "unknown server $name" >&2; exit 2 ;;
  esac
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
  local ready_line="listening on"
  [ "$name" = payara-war ] && ready_line="Payara Micro .* ready in"   # deployments included
  if [ "$name" = wildfly-war ]; then
    ready_line="WFLYSRV0025"   # started, deployments included
    # standalone.sh runs WildFly's JVM as its child: measure and stop that JVM
    for _ in $(seq 500); do
      jvm=$(pgrep -P "$SERVER_PID" -f jboss-modules || true)
      [ -n "$jvm" ] && break
      sleep 0.01
    done
    SERVER_PID=${jvm:-$SERVER_PID}
    STARTED+=("$SERVER_PID")
  fi
  # with the README's settings WildFly logs to its server.log only
  local ready_log=$log
  [ "$name" = wildfly-war ] && [ "$WAR_TUNING" = yes ] && ready_log="$OUT/wildfly-base/log/server.log"
  for _ in $(seq 6000); do
    if grep -q "$ready_line" "$ready_log" 2>/dev/null; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "$name did not start:" >&2; cat "$log" >&2; exit 3; fi
    sleep 0.01
  done
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  if [ "$name" = wsprobe-wss ]; then
    for _ in $(seq 300); do [ -s "$OUT/cert.pem" ] && break; sleep 0.01; done
  fi
}

# Waits for a client started in the background (pid $1), noted for the cleanup: run in the background so that
# Ctrl-C or a TERM reaches the trap at once, not only after the client has finished.
await_started() {
  STARTED+=("$1")
  wait "$1" || true
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  # WildFly's JVM is not this shell's child, so wait cannot: the next server needs its ports
  for _ in $(seq 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
}

# One load point: $1 run, $2 server, $3 point name, $4 endpoint path, then the load's arguments.
# Appends the load's JSON with the server's RSS (idle before, peak during) and the point's identity.
measure() {
  local run=$1 server=$2 point=$3 path=$4
  shift 4
  start_server "$server"
  local idle
  sleep 1
  idle=$(rss_kb "$SERVER_PID")
  start_rss_sampler "$SERVER_PID" "$OUT/peak"
  java $LOAD_JAVA_OPTS -jar "$JAR" load --json "${TRUST[@]}" "$@" "$TARGET_BASE$path" \
    > "$OUT/last-result.json" 2>>"$OUT/load-live.txt" &
  await_started $!
  local result
  result=$(cat "$OUT/last-result.json")
  kill "$SAMPLER" 2>/dev/null || true
  wait "$SAMPLER" 2>/dev/null || true
  local peak
  peak=$(cat "$OUT/peak")
  peak=${peak:-null}
  stop_server
  if [ -z "$result" ]; then
    result='{"errors":null}'
  fi
  local line="{\"run\":$run,\"server\":\"$server\",\"point\":\"$point\",\"serverReadyMs\":$READY_MS,\"serverIdleRssKb\":$idle,\"serverPeakRssKb\":$peak,${result#\{}"
  echo "$line" >> "$POINTS"
  say "$server $point: $(echo "$result" | grep -o '"connected":[0-9]*\|"errors":[0-9a-z]*\|"throughput":[0-9.]*\|"p50":[0-9.a-z]*\|"p99":[0-9.a-z]*' | tr '\n' ' ') rss ${peak} kB"
}

raw_tcp() {
  local run=$1 connections=$2 in_flight=$3
  java bench/RawTcpReference.java server "$RAW_PORT" > "$OUT/raw-server.log" 2>&1 &
  local pid=$!
  STARTED+=("$pid")
  for _ in $(seq 600); do grep -q "listening" "$OUT/raw-server.log" && break; sleep 0.01; done
  java bench/RawTcpReference.java client "$RAW_PORT" "$connections" "$in_flight" \
    "$((THROUGHPUT_SECONDS + WARMUP_SECONDS))" "$RAW_FRAME_BYTES" > "$OUT/last-result.json" &
  await_started $!
  local result
  result=$(cat "$OUT/last-result.json")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "{\"run\":$run,\"server\":\"raw-tcp\",\"point\":\"echo-$connections\",${result#\{}" >> "$POINTS"
  say "raw-tcp echo-$connections: $result"
}

say "results in $OUT"
for run in $(seq "$RUNS"); do
  for server in $SERVERS; do
    fanin_points=$FANIN_POINTS
    [ "$server" = wsprobe-ws-workers ] && fanin_points=$WORKERS_FANIN_POINTS
    for n in $fanin_points; do
      measure "$run" "$server" "fanin-$n" /echo --connections "$n" --ramp "$RAMP" --rate 1 --size "$SIZE" \
        --warmup "${WARMUP_SECONDS}s" --duration "${FANIN_SECONDS}s" --handshake-timeout 30s
    done
    for point in $THROUGHPUT_POINTS; do
      case "$point" in
        echo-1) path=/echo; connections=1; in_flight=64 ;;
        echo-64) path=/echo; connections=64; in_flight=16 ;;
        oneway-1) path=/receive; connections=1; in_flight=64 ;;
        *) echo "unknown throughput point $point" >&2; exit 2 ;;
      esac
      measure "$run" "$server" "$point" "$path" --connections "$connections" --rate max --in-flight "$in_flight" \
        --size "$SIZE" --warmup "${WARMUP_SECONDS}s" --duration "${THROUGHPUT_SECONDS}s"
    done
  done
  if [ "$RAW_TCP" = yes ]; then
    raw_tcp "$run" 1 64
    raw_tcp "$run" 64 16
  fi
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"

node bench/summarize.js "$POINTS" "$OUT/machine.txt" > "$OUT/table.md"
cat "$OUT/table.md"
say "done: $OUT/table.md"
