#!/usr/bin/env bash
# A JFR profile of a wsprobe server jar while N Node `ws` connections each send a 52-byte message a second to
# /echo (or, with ECHO=C:K, while C connections keep K messages in flight each): CPU samples, allocation
# samples and GC pauses of the measured part, summed up by bench/server-costs/jfr-summary.py.
#
#   bench/server-costs/profile.sh [JAR] [CONNECTIONS] [SECONDS] [PORT]   # defaults: target/wsprobe.jar 5000 30 24380
#   ECHO=64:16 bench/server-costs/profile.sh target/wsprobe.jar 0 20      # echo throughput instead of fan-in
#   TLS=1 ...                                                             # over wss (--self-signed)
# Environment: JAVA_OPTS (default -XX:+UseSerialGC -Xmn16m). Output: target/server-costs/profile-<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-target/wsprobe.jar}
N=${2:-5000}
SECONDS_MEASURED=${3:-30}
PORT=${4:-24380}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmn16m"}
OUT=target/server-costs/profile-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)"
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done' EXIT
TLS_FLAGS=()
URL="ws://127.0.0.1:$PORT/echo"
if [ "${TLS:-0}" = 1 ]; then TLS_FLAGS=(--self-signed --tls-port $((PORT + 1))); URL="wss://127.0.0.1:$((PORT + 1))/echo"; fi
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 --idle-timeout 0 \
  "${TLS_FLAGS[@]}" > "$OUT/server.log" 2>&1 &
SERVER=$!
PIDS+=("$SERVER")
until grep -q "listening on" "$OUT/server.log"; do kill -0 "$SERVER"; sleep 0.1; done
mkfifo "$OUT/go"
WARMUP=20
if [ -n "${ECHO:-}" ]; then
  NODE_PATH=bench/.deps/node_modules node bench/server-costs/client.js echo "$URL" "${ECHO%%:*}" "${ECHO##*:}" \
    "$WARMUP" "$SECONDS_MEASURED" < "$OUT/go" > "$OUT/client.out" &
else
  NODE_PATH=bench/.deps/node_modules node bench/server-costs/client.js fanin "$URL" "$N" 1000 "$WARMUP" \
    "$SECONDS_MEASURED" < "$OUT/go" > "$OUT/client.out" &
fi
PIDS+=("$!")
exec 3> "$OUT/go"
until grep -q ready "$OUT/client.out"; do sleep 0.2; done
echo go >&3
sleep "$WARMUP"
jcmd "$SERVER" JFR.start name=costs settings=profile > /dev/null
sleep "$SECONDS_MEASURED"
jcmd "$SERVER" JFR.dump name=costs filename="$(pwd)/$OUT/server.jfr" > /dev/null
jcmd "$SERVER" JFR.stop name=costs > /dev/null
until grep -q done "$OUT/client.out"; do sleep 0.5; done
grep done "$OUT/client.out" | sed 's/"buckets".*//' > "$OUT/client-done.txt"
python3 bench/server-costs/jfr-summary.py "$OUT/server.jfr" | tee "$OUT/summary.txt"
echo "($OUT)"
