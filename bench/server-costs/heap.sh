#!/usr/bin/env bash
# Live heap per connection of a wsprobe server jar, by class: a class histogram (jcmd GC.class_histogram, live
# objects only: it collects first) of the idle server, again once N Node `ws` connections to /echo are open
# (idle), and again after each has sent a message a second for a while. The server runs with
# -XX:MarkSweepDeadRatio=0, so that the serial collector's full collection leaves no dead objects in place
# (by default it may leave 5 % of the old generation as "dead wood", int[] fillers the histogram counts as
# live). Loopback only; what it starts is ended by PID.
#
#   bench/server-costs/heap.sh [JAR] [CONNECTIONS] [PORT]     # defaults: target/wsprobe.jar 2000 24390
#   TLS=1 bench/server-costs/heap.sh ...                      # over wss (--self-signed)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-target/wsprobe.jar}
N=${2:-2000}
PORT=${3:-24390}
OUT=$(mktemp -d)
ulimit -n "$(ulimit -Hn)"
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$OUT"' EXIT
TLS_FLAGS=()
URL="ws://127.0.0.1:$PORT/echo"
if [ "${TLS:-0}" = 1 ]; then TLS_FLAGS=(--self-signed --tls-port $((PORT + 1))); URL="wss://127.0.0.1:$((PORT + 1))/echo"; fi
java -XX:+UseSerialGC -Xmn16m -XX:MarkSweepDeadRatio=0 -jar "$JAR" server --host 127.0.0.1 --port "$PORT" --max-connections 0 \
  --idle-timeout 0 "${TLS_FLAGS[@]}" > "$OUT/server.log" 2>&1 &
SERVER=$!
PIDS+=("$SERVER")
until grep -q "listening on" "$OUT/server.log"; do kill -0 "$SERVER"; sleep 0.1; done
sleep 2
jcmd "$SERVER" GC.class_histogram > "$OUT/before.txt"
mkfifo "$OUT/go"
NODE_PATH=bench/.deps/node_modules node bench/server-costs/client.js fanin "$URL" "$N" 1000 3 5 \
  < "$OUT/go" > "$OUT/client.out" &
PIDS+=("$!")
exec 3> "$OUT/go"
until grep -q ready "$OUT/client.out"; do sleep 0.2; done
sleep 2
jcmd "$SERVER" GC.class_histogram > "$OUT/idle.txt"
echo go >&3
until grep -q done "$OUT/client.out"; do sleep 0.5; done
jcmd "$SERVER" GC.class_histogram > "$OUT/after.txt"
for phase in idle after; do
echo "$JAR, $N connections to $URL, $([ $phase = idle ] && echo "open, no message yet" || echo "after 8 s at 1 msg/s each"); live heap per connection, largest classes:"
python3 - "$OUT/before.txt" "$OUT/$phase.txt" "$N" <<'EOF'
import sys
def load(path):
    counts = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 4 and parts[0].endswith(':') and parts[0][:-1].isdigit():
            counts[parts[3]] = (int(parts[1]), int(parts[2]))
    return counts
before, after, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
rows = sorted(((b - before.get(k, (0, 0))[1], i - before.get(k, (0, 0))[0], k) for k, (i, b) in after.items()), reverse=True)
print("total: %.0f bytes per connection" % (sum(r[0] for r in rows) / n))
for size, count, name in rows[:30]:
    print("%8.0f B %6.2f objects  %s" % (size / n, count / n, name))
EOF
done
