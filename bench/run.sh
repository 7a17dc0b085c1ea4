#!/usr/bin/env bash
# The wsprobe benchmark: on this machine, in one run, each server in turn driven by the same load generators
# (`wsprobe load`, and a Node `ws` client doing the same: bench/ws-load.js), loopback only. Results: one JSON
# line per point in target/bench/<stamp>/points.jsonl and Markdown tables of medians and ratios in
# target/bench/<stamp>/table.md. See docs/benchmarks.md.
#
#   bench/run.sh                 # the full set: 3 runs of about an hour each on 2 cores
#   BENCH_OUT=target/bench/full RUNS=1 bench/run.sh     # the same one run at a time (three times: 3 runs)
#   RUNS=1 SERVERS="wsprobe-ws node-ws" GENERATOR=node FANIN_POINTS=1000 FANIN_SECONDS=5 WARMUP_SECONDS=2 \
#     CONNECT_POINTS= THROUGHPUT_SECONDS=3 GENERATOR_CHECK= RAW_TCP=no JDK_SERVERS= bench/run.sh    # a quick look
#
# Settings (environment):
#   RUNS              repetitions of everything, medians over them (default 3)
#   BENCH_OUT         where results go (default target/bench/<date>); when it already holds points.jsonl, the
#                     new runs are added to it, numbered after the last (a full set can be run one run at a time)
#   SERVERS           from wsprobe-ws wsprobe-wss node-ws node-wss bun-ws bun-wss wildfly-war payara-war
#                     wsprobe-ws-workers (default: "wsprobe-ws wsprobe-wss node-ws node-wss bun-ws wildfly-war payara-war").
#                     payara-war: the WAR on Payara Micro (copied into target/payara-micro by the build if missing),
#                     loopback and no Hazelcast as in the container tests; both WARs with the README's settings
#                     (docker/wildfly/tuning.cli, docker/payara/*.asadmin) unless WAR_TUNING=no
#                     node-*: bench/ws-server.js (Node `ws`); bun-*: bench/bun-server.js (Bun's own server);
#                     *-wss: the same over TLS with the certificate of CERT_KEY; wildfly-war: target/wsprobe.war on
#                     WildFly (provisioned into target/wildfly by the build if missing) with WildFly's own JVM
#                     settings; wsprobe-ws-workers: wsprobe-ws with the worker-pool transport Grizzly defaults to
#   WAR_TUNING        yes (default): the application servers with the README's settings; no: as shipped
#   GENERATOR         wsprobe, node or both: which load generator drives each point (default both: every point
#                     twice, so that a point where one generator is the bottleneck shows)
#   GENERATOR_CHECK   throughput points measured again with two generator processes sharing the point's
#                     connections (or, for one connection, its window), to show whether one process was the
#                     bottleneck (default: echo-64; empty for none)
#   JDKS              JDK homes the wsprobe servers run on, the first the reference (default: the java on PATH,
#                     then /usr/lib/jvm/temurin-25-jdk-amd64 and any JDK 21 in /usr/lib/jvm); a server on another
#                     JDK is named with its version, e.g. wsprobe-ws-jdk25
#   JDK_SERVERS       the wsprobe servers that run on every JDK of JDKS (default: wsprobe-ws)
#   LOAD_JAVA         the java that runs `wsprobe load` (default: java on PATH)
#   CERT_KEY          key type of the benchmark's self-signed certificate for every wss server: p256, rsa or
#                     ed25519 (default p256, what `wsprobe server --self-signed` makes)
#   FANIN_POINTS      connection counts, 1 msg/s each, empty for none (default: 10000 19900; 19,900 is the most
#                     one process can hold under this machine's open-file limit of 20,000)
#   FANIN_SECONDS     measured time of a fan-in point (default 20), after WARMUP_SECONDS (default 20)
#   WORKERS_FANIN_POINTS fan-in points of wsprobe-ws-workers (default: 10000)
#   RAMP              new connections per second in fan-in points (default 500)
#   CONNECT_POINTS    connection counts opened as fast as the generator can (CONNECT_RAMP attempts a second,
#                     default 5000), to measure connects a second and CPU per connection (default: 2000)
#   THROUGHPUT_POINTS echo-1 (1 connection, 64 in flight), echo-64 (64 connections, 16 in flight each), oneway-1
#                     (1 connection to /receive, 64 in flight, counted by the server) (default: all three)
#   THROUGHPUT_SECONDS measured time of a throughput point (default 10), after THROUGHPUT_WARMUP_SECONDS (default 5)
#   RAW_TCP           yes: also the raw TCP reference (default yes)
#   WSPROBE_JAVA_OPTS JVM options of the wsprobe server (default: the README's recommendation for many connections)
#   WSPROBE_SERVER_FLAGS  more `wsprobe server` flags, e.g. "--io-strategy worker-thread" to compare transports
#   LOAD_JAVA_OPTS    JVM options of the load generator (default: none)
#   LOAD_JAR          the jar that runs `wsprobe load` (default: target/wsprobe.jar), to compare two builds of it
#   TLS_RESUMPTION    on or off: whether a generator's wss connections resume the session of an earlier one
#                     (wsprobe load --tls-resumption; the Node client with --tls-resume) (default on)
#   SERVER_JAR        the jar the wsprobe servers run (default: target/wsprobe.jar, which also runs the load), to
#                     compare two builds of the server under the same load generator
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SERVERS=${SERVERS:-"wsprobe-ws wsprobe-wss node-ws node-wss bun-ws wildfly-war payara-war"}
WAR_TUNING=${WAR_TUNING:-yes}
GENERATOR=${GENERATOR:-both}
GENERATOR_CHECK=${GENERATOR_CHECK-echo-64}
JDK_SERVERS=${JDK_SERVERS-wsprobe-ws}
LOAD_JAVA=${LOAD_JAVA:-java}
CERT_KEY=${CERT_KEY:-p256}
FANIN_POINTS=${FANIN_POINTS-"10000 19900"}
WORKERS_FANIN_POINTS=${WORKERS_FANIN_POINTS-10000}
FANIN_SECONDS=${FANIN_SECONDS:-20}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
RAMP=${RAMP:-500}
CONNECT_POINTS=${CONNECT_POINTS-2000}
CONNECT_RAMP=${CONNECT_RAMP:-5000}
THROUGHPUT_SECONDS=${THROUGHPUT_SECONDS:-10}
THROUGHPUT_WARMUP_SECONDS=${THROUGHPUT_WARMUP_SECONDS:-5}
THROUGHPUT_POINTS=${THROUGHPUT_POINTS-"echo-1 echo-64 oneway-1"}
RAW_TCP=${RAW_TCP:-yes}
WSPROBE_JAVA_OPTS=${WSPROBE_JAVA_OPTS:-"-XX:+UseSerialGC -Xmn16m"}
WSPROBE_SERVER_FLAGS=${WSPROBE_SERVER_FLAGS:-}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:-}
TLS_RESUMPTION=${TLS_RESUMPTION:-on}
SIZE=52
# a WebSocket frame of a 52-byte text message from a client: 2 header bytes, 4 mask bytes, the payload
RAW_FRAME_BYTES=58
PORT=${BENCH_PORT:-23500}
RAW_PORT=$((PORT + 2))

case "$GENERATOR" in
  wsprobe|node) GENERATORS=("$GENERATOR") ;;
  both) GENERATORS=(wsprobe node) ;;
  *) echo "GENERATOR must be wsprobe, node or both, not $GENERATOR" >&2; exit 2 ;;
esac
case "$TLS_RESUMPTION" in
  on) NODE_TLS=(--tls-resume) ;;
  off) NODE_TLS=() ;;
  *) echo "TLS_RESUMPTION must be on or off, not $TLS_RESUMPTION" >&2; exit 2 ;;
esac
case "$CERT_KEY" in
  p256) KEY_ARGS=(-newkey ec -pkeyopt ec_paramgen_curve:P-256) ;;
  rsa) KEY_ARGS=(-newkey rsa:2048) ;;
  ed25519) KEY_ARGS=(-newkey ed25519) ;;
  *) echo "CERT_KEY must be p256, rsa or ed25519, not $CERT_KEY" >&2; exit 2 ;;
esac

JAR=target/wsprobe.jar
SERVER_JAR=${SERVER_JAR:-$JAR}
LOAD_JAR=${LOAD_JAR:-$JAR}
WAR=target/wsprobe.war
WILDFLY_HOME=${WILDFLY_HOME:-target/wildfly}
PAYARA_JAR=${PAYARA_JAR:-target/payara-micro/payara-micro.jar}
DEPS=bench/.deps
BUN=$DEPS/node_modules/@oven/bun-linux-x64/bin/bun
OUT=${BENCH_OUT:-target/bench/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
POINTS="$OUT/points.jsonl"
touch "$POINTS"
# runs already in $OUT (a full set run one run at a time): number the new ones after them
FIRST_RUN=$(( $(grep -o '"run":[0-9]*' "$POINTS" | cut -d: -f2 | sort -n | tail -1 || true) + 1 ))
CLOCK_TICKS=$(getconf CLK_TCK)

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
if [ ! -d "$DEPS/node_modules/ws" ] || { [[ "$SERVERS" == *bun-* ]] && [ ! -x "$BUN" ]; }; then
  say "installing Node's ws and Bun into $DEPS (not committed)"
  mkdir -p "$DEPS"
  (cd "$DEPS" && npm install --no-audit --no-fund --silent ws@8 @oven/bun-linux-x64@1)
fi
# each connection is an open file on both sides: take what the hard limit allows
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# The JDKs of the wsprobe servers: "label=java binary", the first the reference (label empty: plain names)
java_major() { "$1" -version 2>&1 | head -1 | sed -E 's/[^"]*"([0-9]+).*/\1/'; }
if [ -z "${JDKS+set}" ]; then
  JDKS="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  for home in /usr/lib/jvm/*21* /usr/lib/jvm/temurin-25-jdk-amd64; do
    [ -x "$home/bin/java" ] && [ "$(readlink -f "$home")" != "$(readlink -f "${JDKS%% *}")" ] && JDKS="$JDKS $home"
  done
fi
JDK_LIST=()
for home in $JDKS; do
  [ -x "$home/bin/java" ] || { echo "JDKS: no $home/bin/java" >&2; exit 2; }
  if [ ${#JDK_LIST[@]} -eq 0 ]; then JDK_LIST+=("=$home/bin/java"); else JDK_LIST+=("-jdk$(java_major "$home/bin/java")=$home/bin/java"); fi
done
SERVER_LIST=()
for server in $SERVERS; do
  SERVER_LIST+=("$server")
  if [[ " $JDK_SERVERS " == *" $server "* ]]; then
    for jdk in "${JDK_LIST[@]:1}"; do SERVER_LIST+=("$server${jdk%%=*}"); done
  fi
done
server_java() { # the java binary of a server name (its -jdkNN suffix, or the reference)
  for jdk in "${JDK_LIST[@]:1}"; do [[ "$1" == *"${jdk%%=*}" ]] && { echo "${jdk#*=}"; return; }; done
  echo "${JDK_LIST[0]#*=}"
}

# The benchmark's certificate for every wss server, self-signed for 127.0.0.1, key type CERT_KEY
TLS_DIR="$OUT/tls"
mkdir -p "$TLS_DIR"
openssl req -x509 "${KEY_ARGS[@]}" -nodes -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" -days 7 \
  -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null
head -c 24 /dev/urandom | base64 > "$TLS_DIR/password"
openssl pkcs12 -export -in "$TLS_DIR/cert.pem" -inkey "$TLS_DIR/key.pem" -out "$TLS_DIR/server.p12" \
  -passout "file:$TLS_DIR/password"

# --- the machine --------------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory: $(free -g | awk '/Mem:/{print $2}') GiB; kernel $(uname -r); open files: $(ulimit -n)"
  echo "java (load): $("$LOAD_JAVA" -version 2>&1 | head -1); node: $(node --version); ws: $(node -p "require('./$DEPS/node_modules/ws/package.json').version")$([ -x "$BUN" ] && echo "; bun: $("$BUN" --version)")"
  for jdk in "${JDK_LIST[@]}"; do
    label=${jdk%%=*}
    echo "wsprobe server JDK ${label:-(reference)}: $("${jdk#*=}" -version 2>&1 | head -1)"
  done
  echo "wsprobe server JVM options: $WSPROBE_JAVA_OPTS; extra server flags: ${WSPROBE_SERVER_FLAGS:-none}"
  echo "generators: ${GENERATORS[*]}; certificate: $CERT_KEY; TLS resumption: $TLS_RESUMPTION; load JVM options: ${LOAD_JAVA_OPTS:-none}; load jar: $LOAD_JAR"
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

# Samples the CPU time (user+sys, clock ticks, /proc/<pid>/stat) of the processes listed in $1 (one pid a line,
# read again each time: generators are added once started) every 0.1 s into $2: "epochMs ticks ticks ...";
# "-" for a process already gone. Shell built-ins only, so that sampling costs next to nothing. Until killed.
start_cpu_sampler() {
  local pids_file=$1 file=$2
  : > "$file"
  (
    while :; do
      now=${EPOCHREALTIME/[.,]/}
      line=${now:0:13}
      while read -r pid; do
        if read -r -a stat 2>/dev/null < "/proc/$pid/stat"; then line+=" $((stat[13] + stat[14]))"; else line+=" -"; fi
      done < "$pids_file"
      echo "$line" >> "$file"
      sleep 0.1
    done
  ) &
  CPU_SAMPLER=$!
  STARTED+=("$CPU_SAMPLER")
}

# Starts server $1; sets SERVER_PID, TARGET_BASE (ws:// or wss:// base URL), STATUS_URL, TLS_CLIENT (set when
# the generators must trust the benchmark's certificate), READY_MS.
start_server() {
  local name=$1 log="$OUT/server-$1.log" java
  local t0
  t0=$(date +%s%N)
  java=$(server_java "$name")
  TLS_CLIENT=
  STATUS_URL="http://127.0.0.1:$PORT/status"
  TARGET_BASE="ws://127.0.0.1:$PORT"
  case "$name" in
    wsprobe-ws-workers)
      # the transport as Grizzly and Tyrus set it up by default (a worker pool, each message handed to it), to
      # show side by side why wsprobe's default is same-thread
      "$java" $WSPROBE_JAVA_OPTS -jar "$SERVER_JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 \
        $WSPROBE_SERVER_FLAGS --io-strategy worker-thread --worker-threads 4 > "$log" 2>&1 & ;;
    wsprobe-wss*)
      "$java" $WSPROBE_JAVA_OPTS -jar "$SERVER_JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 \
        $WSPROBE_SERVER_FLAGS --keystore "$TLS_DIR/server.p12" --keystore-password-file "$TLS_DIR/password" \
        --tls-port "$((PORT + 1))" > "$log" 2>&1 &
      TARGET_BASE="wss://127.0.0.1:$((PORT + 1))"; TLS_CLIENT=yes ;;
    wsprobe-ws*)
      "$java" $WSPROBE_JAVA_OPTS -jar "$SERVER_JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 \
        $WSPROBE_SERVER_FLAGS > "$log" 2>&1 & ;;
    node-ws)
      NODE_PATH="$DEPS/node_modules" node bench/ws-server.js "$PORT" > "$log" 2>&1 & ;;
    node-wss)
      NODE_PATH="$DEPS/node_modules" node bench/ws-server.js "$PORT" "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem" > "$log" 2>&1 &
      TARGET_BASE="wss://127.0.0.1:$PORT"; STATUS_URL="https://127.0.0.1:$PORT/status"; TLS_CLIENT=yes ;;
    bun-ws)
      "$BUN" bench/bun-server.js "$PORT" > "$log" 2>&1 & ;;
    bun-wss)
      "$BUN" bench/bun-server.js "$PORT" "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem" > "$log" 2>&1 &
      TARGET_BASE="wss://127.0.0.1:$PORT"; STATUS_URL="https://127.0.0.1:$PORT/status"; TLS_CLIENT=yes ;;
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
      TARGET_BASE="ws://127.0.0.1:$PORT/wsprobe"; STATUS_URL="http://127.0.0.1:$PORT/wsprobe/status" ;;
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
      TARGET_BASE="ws://127.0.0.1:$PORT/wsprobe"; STATUS_URL="http://127.0.0.1:$PORT/wsprobe/status" ;;
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
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  # WildFly's JVM is not this shell's child, so wait cannot: the next server needs its ports
  for _ in $(seq 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
}

# Starts one load generator process ($1: wsprobe or node) with the load's arguments; its summary goes to $2.
start_generator() {
  local generator=$1 result=$2
  shift 2
  local trust=()
  if [ "$generator" = wsprobe ]; then
    [ -n "$TLS_CLIENT" ] && trust=(--cacert "$TLS_DIR/cert.pem" --tls-resumption "$TLS_RESUMPTION")
    "$LOAD_JAVA" $LOAD_JAVA_OPTS -jar "$LOAD_JAR" load --json "${trust[@]}" "$@" > "$result" 2>>"$OUT/load-live.txt" &
  else
    [ -n "$TLS_CLIENT" ] && trust=(--cacert "$TLS_DIR/cert.pem" "${NODE_TLS[@]}")
    NODE_PATH="$DEPS/node_modules" node bench/ws-load.js --json "${trust[@]}" "$@" > "$result" 2>>"$OUT/load-live.txt" &
  fi
  GENERATOR_PID=$!
  STARTED+=("$GENERATOR_PID")
}

# One point: $1 run, $2 server, $3 generator, $4 point name, $5 generator processes (1 or 2), $6 endpoint path,
# then the load's arguments (for 2 processes: each process's). Appends one line to points.jsonl (bench/point.js):
# the generators' summary, the server's RSS (idle before, peak during), CPU times of the server and the
# generators in the connect phase and the measured time.
measure() {
  local run=$1 server=$2 generator=$3 point=$4 processes=$5 path=$6
  shift 6
  start_server "$server"
  local idle
  sleep 1
  idle=$(rss_kb "$SERVER_PID")
  start_rss_sampler "$SERVER_PID" "$OUT/peak"
  echo "$SERVER_PID" > "$OUT/cpu-pids"
  start_cpu_sampler "$OUT/cpu-pids" "$OUT/cpu-samples"
  local results=() pids=()
  for process in $(seq "$processes"); do
    rm -f "$OUT/result-$process.json"
    start_generator "$generator" "$OUT/result-$process.json" "$@" "$TARGET_BASE$path"
    echo "$GENERATOR_PID" >> "$OUT/cpu-pids"
    results+=("$OUT/result-$process.json")
    pids+=("$GENERATOR_PID")
  done
  # waited for in the background's way, so that Ctrl-C or a TERM reaches the trap at once
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  kill "$SAMPLER" "$CPU_SAMPLER" 2>/dev/null || true
  wait "$SAMPLER" "$CPU_SAMPLER" 2>/dev/null || true
  local peak tls_counts
  peak=$(cat "$OUT/peak")
  # the Node server's TLS handshakes, and how many resumed a session
  tls_counts=$(curl -sk --max-time 2 "$STATUS_URL" 2>/dev/null | grep -o '"tls":{[^}]*}' || true)
  stop_server
  local identity="{\"run\":$run,\"server\":\"$server\",\"point\":\"$point\",\"generator\":\"$generator\",\"serverReadyMs\":$READY_MS,\"serverIdleRssKb\":$idle,\"serverPeakRssKb\":${peak:-null}${tls_counts:+,\"serverTls\":${tls_counts#\"tls\":}}}"
  node bench/point.js "$identity" "$OUT/cpu-samples" "$CLOCK_TICKS" "${results[@]}" >> "$POINTS"
  say "$server $point by $generator (x$processes): $(tail -1 "$POINTS" | grep -o '"connected":[0-9]*\|"errors":[0-9a-z]*\|"throughput":[0-9.]*\|"p99":[0-9.a-z]*\|"cpuMs":{[^}]*}' | tr '\n' ' ') rss ${peak} kB"
}

raw_tcp() {
  local run=$1 connections=$2 in_flight=$3
  java bench/RawTcpReference.java server "$RAW_PORT" > "$OUT/raw-server.log" 2>&1 &
  local pid=$!
  STARTED+=("$pid")
  for _ in $(seq 600); do grep -q "listening" "$OUT/raw-server.log" && break; sleep 0.01; done
  java bench/RawTcpReference.java client "$RAW_PORT" "$connections" "$in_flight" \
    "$((THROUGHPUT_SECONDS + THROUGHPUT_WARMUP_SECONDS))" "$RAW_FRAME_BYTES" > "$OUT/last-result.json" &
  local client=$!
  STARTED+=("$client")
  wait "$client" || true
  local result
  result=$(cat "$OUT/last-result.json")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "{\"run\":$run,\"server\":\"raw-tcp\",\"point\":\"echo-$connections\",${result#\{}" >> "$POINTS"
  say "raw-tcp echo-$connections: $result"
}

say "results in $OUT; servers: ${SERVER_LIST[*]}"
for run in $(seq "$FIRST_RUN" $((FIRST_RUN + RUNS - 1))); do
  for server in "${SERVER_LIST[@]}"; do
    for generator in "${GENERATORS[@]}"; do
      for n in $CONNECT_POINTS; do
        measure "$run" "$server" "$generator" "connect-$n" 1 /echo --connections "$n" --ramp "$CONNECT_RAMP" \
          --rate 1 --size "$SIZE" --warmup 0s --duration 1s --handshake-timeout 30s
      done
      fanin_points=$FANIN_POINTS
      [ "$server" = wsprobe-ws-workers ] && fanin_points=$WORKERS_FANIN_POINTS
      for n in $fanin_points; do
        measure "$run" "$server" "$generator" "fanin-$n" 1 /echo --connections "$n" --ramp "$RAMP" --rate 1 \
          --size "$SIZE" --warmup "${WARMUP_SECONDS}s" --duration "${FANIN_SECONDS}s" --handshake-timeout 30s
      done
      for point in $THROUGHPUT_POINTS; do
        case "$point" in
          echo-1) path=/echo; connections=1; in_flight=64 ;;
          echo-64) path=/echo; connections=64; in_flight=16 ;;
          oneway-1) path=/receive; connections=1; in_flight=64 ;;
          *) echo "unknown throughput point $point" >&2; exit 2 ;;
        esac
        timing=(--size "$SIZE" --warmup "${THROUGHPUT_WARMUP_SECONDS}s" --duration "${THROUGHPUT_SECONDS}s")
        measure "$run" "$server" "$generator" "$point" 1 "$path" --connections "$connections" --rate max \
          --in-flight "$in_flight" "${timing[@]}"
        if [[ " $GENERATOR_CHECK " == *" $point "* ]]; then
          # two processes, the same connections and messages in flight in all
          if [ "$connections" -ge 2 ]; then connections=$((connections / 2)); else in_flight=$((in_flight / 2)); fi
          measure "$run" "$server" "$generator" "$point" 2 "$path" --connections "$connections" --rate max \
            --in-flight "$in_flight" "${timing[@]}"
        fi
      done
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
