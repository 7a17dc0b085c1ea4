#!/usr/bin/env bash
# Memory per idle connection: each server in turn, N connections opened by the Node `ws` client that send
# nothing (bench/ws-load.js --rate 0), the server's RSS before and while they are open. Side by side in one
# run, loopback only; what bench/run.sh does not measure (its fan-in points measure after traffic).
#
#   bench/idle.sh                                   # wsprobe-ws, node-ws, bun-ws at 10,000 and 19,900
#   IDLE_POINTS="1000" SERVERS="wsprobe-ws node-ws" bench/idle.sh      # a quick look
#
# Settings (environment): SERVERS (from wsprobe-ws node-ws bun-ws), IDLE_POINTS (connection counts), RUNS
# (default 3, medians printed), WSPROBE_JAVA_OPTS (default: the README's recommendation for many connections),
# OUT (default target/bench/idle-<date>). Needs target/wsprobe.jar and bench/.deps (bench/run.sh installs it).
# Results: one JSON line per point in $OUT/points.jsonl, a table of medians on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVERS=${SERVERS:-"wsprobe-ws node-ws bun-ws"}
IDLE_POINTS=${IDLE_POINTS:-"10000 19900"}
RUNS=${RUNS:-3}
WSPROBE_JAVA_OPTS=${WSPROBE_JAVA_OPTS:-"-XX:+UseSerialGC -Xmn16m"}
OUT=${OUT:-target/bench/idle-$(date +%Y%m%d-%H%M%S)}
DEPS=bench/.deps
BUN=$DEPS/node_modules/@oven/bun-linux-x64/bin/bun
PORT=${PORT:-18080}
for n in $IDLE_POINTS $RUNS; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "IDLE_POINTS and RUNS take whole numbers above 0, not '$n'" >&2; exit 2; }
done
for server in $SERVERS; do
  case "$server" in wsprobe-ws|node-ws|bun-ws) ;; *) echo "SERVERS: unknown server '$server' (wsprobe-ws node-ws bun-ws)" >&2; exit 2 ;; esac
done
[ -f target/wsprobe.jar ] || { echo "target/wsprobe.jar is missing: mvn -DskipTests package" >&2; exit 2; }
[ -d "$DEPS/node_modules/ws" ] || { echo "bench/.deps is missing: run bench/run.sh once, or npm install ws@8 @oven/bun-linux-x64@1 in it" >&2; exit 2; }
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

rss_kb() { awk '/VmRSS/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

start_server() {
  case "$1" in
    wsprobe-ws) java $WSPROBE_JAVA_OPTS -jar target/wsprobe.jar server --host 127.0.0.1 --port "$PORT" \
                  --max-connections 0 --idle-timeout 0 > "$OUT/server-$1.log" 2>&1 & ;;
    node-ws) NODE_PATH="$DEPS/node_modules" node bench/ws-server.js "$PORT" > "$OUT/server-$1.log" 2>&1 & ;;
    bun-ws) "$BUN" bench/bun-server.js "$PORT" > "$OUT/server-$1.log" 2>&1 & ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$PORT/status" > /dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "$1 did not start (see $OUT/server-$1.log)" >&2; exit 1
}

for run in $(seq 1 "$RUNS"); do
  for n in $IDLE_POINTS; do
    for server in $SERVERS; do
      start_server "$server"
      sleep 2
      idle=$(rss_kb "$SERVER_PID")
      # connections open (ramped as in bench/run.sh), then 20 s with nothing sent; RSS sampled meanwhile
      NODE_PATH="$DEPS/node_modules" node bench/ws-load.js --connections "$n" --ramp 500 --rate 0 \
        --warmup 10s --duration 10s --json "ws://127.0.0.1:$PORT/echo" > "$OUT/load.json" 2> "$OUT/load.err" &
      load=$!
      peak=0
      while kill -0 "$load" 2>/dev/null; do
        r=$(rss_kb "$SERVER_PID"); [ "$r" -gt "$peak" ] && peak=$r
        sleep 0.5
      done
      wait "$load" || true
      connected=$(node -p "JSON.parse(require('fs').readFileSync('$OUT/load.json','utf8')).connected" 2>/dev/null || echo 0)
      echo "{\"run\":$run,\"server\":\"$server\",\"connections\":$n,\"connected\":$connected,\"idleRssKb\":$idle,\"peakRssKb\":$peak}" \
        | tee -a "$OUT/points.jsonl" >&2
      cleanup; SERVER_PID=
      sleep 1
    done
  done
done

node -e '
const points = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
const median = (v) => { v = v.slice().sort((a, b) => a - b); const m = Math.floor(v.length / 2); return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
console.log(`Medians of ${new Set(points.map((p) => p.run)).size} run(s); RSS per idle connection = (RSS with the connections open - RSS before) / connections open`);
console.log("| connections | server | connected | RSS before MiB | RSS open MiB | KiB per idle connection |");
console.log("|---|---|---|---|---|---|");
for (const key of [...new Set(points.map((p) => `${p.connections}|${p.server}`))]) {
  const [n, server] = key.split("|");
  const mine = points.filter((p) => String(p.connections) === n && p.server === server);
  const perConn = median(mine.map((p) => (p.peakRssKb - p.idleRssKb) / p.connected));
  console.log(`| ${n} | ${server} | ${median(mine.map((p) => p.connected))} | ${(median(mine.map((p) => p.idleRssKb)) / 1024).toFixed(0)} | `
    + `${(median(mine.map((p) => p.peakRssKb)) / 1024).toFixed(0)} | ${perConn.toFixed(1)} |`);
}' "$OUT/points.jsonl"
