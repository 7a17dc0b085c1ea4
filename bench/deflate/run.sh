#!/usr/bin/env bash
# The compression measurement of docs/benchmarks.md ("Compression"): bench/deflate/run.sh
#
# For each mode and run, starts target/wsprobe.jar as the README recommends for many connections
# (java -XX:+UseSerialGC -Xmn16m -jar target/wsprobe.jar server --max-connections 0 --idle-timeout 0, and
# --ping-interval 0 so that a generator slowed down by a busy machine is not taken for a dead peer), then:
#  1. fan-in: CONNECTIONS Node `ws` clients that offer permessage-deflate as browsers do
#     (`permessage-deflate; client_max_window_bits`, every message compressed), spread over GENERATORS processes
#     (bench/deflate/fanin.js). The server's RSS is read from /proc once all are open (idle); then each sends one
#     message and waits for its echo (warm-up: a Node client makes its zlib state at its first message, a few ms
#     each); then FANIN_SECONDS of one 52-byte message a second each, echoed, with the server's CPU time over that
#     window (at most: a connection sends its next message only once the last one is echoed), and its RSS after
#     it (after traffic); the messages the server handled come from its /status;
#  2. echo throughput: ECHO_PROCESSES x 32 connections with 16 messages in flight each, 60-byte and 1 KiB
#     JSON-like text, counted for ECHO_SECONDS after 5 s of warm-up (bench/deflate/echo.js), with the server's
#     CPU time per echo.
# Modes: off; takeover (both sides keep their context); no-takeover (server_no_context_takeover and
# client_no_context_takeover: no zlib state held between messages); server-no-takeover (server_no_context_takeover
# only: clients keep theirs, the server an inflater per connection). The modes are interleaved within each run.
# Settings (environment): RUNS (3), CONNECTIONS (10000), GENERATORS (4), FANIN_SECONDS (20), ECHO_SECONDS (10),
# ECHO_PROCESSES (2), MODES ("off takeover no-takeover server-no-takeover"), BENCH_PORT (24100).
# Needs a JDK, Maven (builds the jar if missing), Node with npm (installs `ws` into bench/.deps, not committed).
# Results: target/bench-deflate/<time>/results.jsonl (one line per mode and run, with `uptime`), logs, and
# table.md (medians, made by bench/deflate/summarize.js). Loopback only; ends the processes it started, by PID.
set -u
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-10000}
GENERATORS=${GENERATORS:-4}
FANIN_SECONDS=${FANIN_SECONDS:-20}
ECHO_SECONDS=${ECHO_SECONDS:-10}
ECHO_PROCESSES=${ECHO_PROCESSES:-2}
MODES=${MODES:-"off takeover no-takeover server-no-takeover"}
PORT=${BENCH_PORT:-24100}
JAR=target/wsprobe.jar
DEPS=bench/.deps
OUT=target/bench-deflate/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
export NODE_PATH="$PWD/$DEPS/node_modules"

[ -f "$JAR" ] || mvn -q -B -DskipTests package
if [ ! -d "$DEPS/node_modules/ws" ]; then
  mkdir -p "$DEPS"
  (cd "$DEPS" && npm install --no-audit --no-fund --silent ws@8)
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

started=()
cleanup() {
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null; done
  started=()
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

say() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/log.txt" >&2; }
flags() {
  case $1 in
    off) echo "--compression off" ;;
    takeover) echo "--compression on --compression-server-context-takeover on --compression-client-context-takeover on" ;;
    no-takeover) echo "--compression on --compression-server-context-takeover off --compression-client-context-takeover off" ;;
    server-no-takeover) echo "--compression on --compression-server-context-takeover off --compression-client-context-takeover on" ;;
    *) echo "unknown mode $1" >&2; exit 2 ;;
  esac
}
rss_kib() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }
# messages the server's /echo has received so far, from its /status
echo_messages() {
  curl -s --max-time 30 "http://127.0.0.1:$PORT/status" \
    | node -e 'try { console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).endpoints["/echo"].messagesReceived) } catch (e) { console.log(0) }'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)
seconds() { awk -v a="$1" -v b="$2" -v t="$TICKS" 'BEGIN{printf "%.3f", (b-a)/t}'; }
# waits until every file in $2.. has a line starting with $1 (at most $TIMEOUT s)
await_all() {
  local word=$1; shift
  for _ in $(seq 1 $((TIMEOUT * 5))); do
    local all=yes
    for f in "$@"; do grep -q "^$word" "$f" 2>/dev/null || all=no; done
    [ $all = yes ] && return 0
    sleep 0.2
  done
  return 1
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory: $(free -g | awk '/Mem:/{print $2}') GiB; open files: $(ulimit -n)"
  echo "java: $(java -version 2>&1 | head -1); node: $(node --version); ws: $(node -p "require('ws/package.json').version")"
  echo "settings: RUNS=$RUNS CONNECTIONS=$CONNECTIONS GENERATORS=$GENERATORS FANIN_SECONDS=$FANIN_SECONDS ECHO_SECONDS=$ECHO_SECONDS ECHO_PROCESSES=$ECHO_PROCESSES"
  echo "uptime at start: $(uptime)"
} > "$OUT/machine.txt"

point() {
  local mode=$1 run=$2 dir="$OUT/$1-$2"
  mkdir -p "$dir"
  local load; load=$(uptime | sed 's/.*load average: //')
  say "run $run, $mode: load $load"
  # shellcheck disable=SC2046
  java -XX:+UseSerialGC -Xmn16m -jar "$JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 \
    --idle-timeout 0 --ping-interval 0 --log-messages summary $(flags "$mode") > "$dir/server.log" 2>&1 &
  local server=$!
  started+=("$server")
  TIMEOUT=60 await_all ".*new: ready" "$dir/server.log" || { say "server did not start"; cleanup; return 1; }
  sleep 2
  local rss0; rss0=$(rss_kib "$server")
  local deflate=1; [ "$mode" = off ] && deflate=0
  local per=$((CONNECTIONS / GENERATORS)) outs=() gens=()
  for g in $(seq 1 "$GENERATORS"); do
    node bench/deflate/fanin.js "ws://127.0.0.1:$PORT/echo" "$per" "$FANIN_SECONDS" "$deflate" "$dir" \
      > "$dir/fanin-$g.out" 2> "$dir/fanin-$g.err" &
    gens+=($!); started+=($!); outs+=("$dir/fanin-$g.out")
  done
  TIMEOUT=300 await_all OPEN "${outs[@]}" || say "not every generator opened its connections in time"
  sleep 5
  local rss_idle; rss_idle=$(rss_kib "$server")
  touch "$dir/warm"
  TIMEOUT=600 await_all WARM "${outs[@]}" || say "not every generator warmed up in time"
  local m0; m0=$(echo_messages)
  local cpu0; cpu0=$(cpu_ticks "$server"); local t0; t0=$(date +%s.%N)
  touch "$dir/go"
  TIMEOUT=$((FANIN_SECONDS + 120)) await_all DONE "${outs[@]}" || say "not every generator finished in time"
  local cpu1; cpu1=$(cpu_ticks "$server"); local t1; t1=$(date +%s.%N)
  local m1; m1=$(echo_messages)
  sleep 1
  local rss_traffic; rss_traffic=$(rss_kib "$server")
  for pid in "${gens[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  sleep 3
  local echo_json=""
  for size in 60 1024; do
    local eouts=() epids=()
    rm -f "$dir/go-echo-$size"
    for e in $(seq 1 "$ECHO_PROCESSES"); do
      node bench/deflate/echo.js "ws://127.0.0.1:$PORT/echo" 32 16 "$ECHO_SECONDS" "$deflate" "$size" \
        "$dir/go-echo-$size" > "$dir/echo-$size-$e.out" 2>&1 &
      epids+=($!); started+=($!); eouts+=("$dir/echo-$size-$e.out")
    done
    sleep 5
    local e0; e0=$(echo_messages)
    local c0; c0=$(cpu_ticks "$server")
    touch "$dir/go-echo-$size"
    for pid in "${epids[@]}"; do wait "$pid" 2>/dev/null; done
    local c1; c1=$(cpu_ticks "$server")
    local e1; e1=$(echo_messages)
    local total; total=$(cat "${eouts[@]}" | node -e 'let s=0;require("fs").readFileSync(0,"utf8").split("\n").filter(Boolean).forEach(l=>{try{s+=JSON.parse(l).perSecond}catch(e){}});console.log(s)')
    echo_json="$echo_json,\"echo$size\":$total,\"echo${size}CpuSeconds\":$(seconds "$c0" "$c1"),\"echo${size}ServerMessages\":$((e1 - e0))"
    sleep 2
  done
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null
  started=()
  local fanin; fanin=$(cat "${outs[@]}" | node -e '
    const lines = require("fs").readFileSync(0, "utf8").split("\n");
    const open = lines.filter(l => l.startsWith("OPEN ")).map(l => JSON.parse(l.slice(5)));
    const done = lines.filter(l => l.startsWith("DONE ")).map(l => JSON.parse(l.slice(5)));
    const sum = (xs, k) => xs.reduce((s, x) => s + (x[k] || 0), 0);
    const answers = {};
    open.forEach(o => Object.entries(o.answers).forEach(([a, c]) => answers[a] = (answers[a] || 0) + c));
    console.log(JSON.stringify({ open: sum(open, "open"), negotiated: sum(open, "negotiated"), errors: sum(open, "errors") + sum(done, "errors"),
      answers, sent: sum(done, "sent"), received: sum(done, "received"), closedEarly: sum(done, "closed"),
      p50: Math.max(...done.map(d => d.p50 || 0)), p99: Math.max(...done.map(d => d.p99 || 0)) }));')
  local line="{\"mode\":\"$mode\",\"run\":$run,\"echoSeconds\":$ECHO_SECONDS,\"load\":\"$load\",\"connections\":$CONNECTIONS,\"rssStartKiB\":$rss0,\"rssIdleKiB\":$rss_idle,\"rssTrafficKiB\":$rss_traffic,\"faninSeconds\":$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}'),\"faninCpuSeconds\":$(seconds "$cpu0" "$cpu1"),\"faninServerMessages\":$((m1 - m0)),\"fanin\":$fanin$echo_json}"
  echo "$line" >> "$OUT/results.jsonl"
  say "$line"
}

for run in $(seq 1 "$RUNS"); do
  for mode in $MODES; do
    point "$mode" "$run"
    sleep 3
  done
done
echo "uptime at end: $(uptime)" >> "$OUT/machine.txt"
node bench/deflate/summarize.js "$OUT/results.jsonl" > "$OUT/table.md"
cat "$OUT/table.md"
say "results in $OUT"
