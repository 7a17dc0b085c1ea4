#!/usr/bin/env bash
# The soak and fault run (not part of mvn verify; see docs/benchmarks.md, "Soak and fault run"): senders with
# acknowledgements behind nginx (docker/nginx's template, rendered for loopback) in front of receivers
# (`java -jar target/wsprobe.jar server`), for a fixed time, while one receiver at a time is killed with
# SIGKILL and started again. Loopback only; every process it starts is ended when it ends (trap), by PID.
#
#   bench/soak.sh                                  # the full run: 5,000 senders, 30 minutes, 3 receivers
#   bench/soak.sh --senders 1000 --minutes 6       # a shorter one (2 kills)
#
# Flags (or environment): --senders N (SOAK_SENDERS, default 5000), --minutes M (SOAK_MINUTES, default 30:
# sending time, counted from the moment every sender is connected, or 5 minutes after the start if some never
# get through), --receivers R (SOAK_RECEIVERS, 2 or 3, default 3), --kill-every SECONDS (SOAK_KILL_EVERY,
# default 120: the first kill that long after the ramp, each next one that long after the previous; none in
# the last half interval), --drain SECONDS (SOAK_DRAIN, default 300: after the last new message, how long the
# senders may take to get every acknowledgement; they end as soon as they have them all), --port P
# (SOAK_PORT, default 24500: nginx on P and P+1 (TLS, unused by the senders), receivers on P+11...),
# --nginx-template FILE (SOAK_NGINX_TEMPLATE, default the compose file's,
# docker/nginx/templates/default.conf.template: to compare balancer settings), --nginx-workers N|auto
# (SOAK_NGINX_WORKERS, default auto, as in the official nginx image), --sender-processes P
# (SOAK_SENDER_PROCESSES, default 4). SOAK_RECEIVER_JAVA_OPTS: the receivers' JVM options (default: the
# README's recommendation for many connections, plus -Xmx512m).
#
# Open files: nginx holds two per sender (client and receiver side) in one worker at worst, a senders'
# process one per sender it runs, a receiver one per sender at worst. The script raises its soft limit
# (ulimit -n) to the hard limit, which its children inherit, and refuses to start when 2 x senders + 200
# does not fit.
#
# The senders are bench/soak-senders.js (Node, the `ws` package installed under target/soak/, not committed),
# in several processes side by side, each with its share of the senders: one event loop holding all 5,000
# got about 5 % of a core on this machine when other builds ran (one thread among forty runnable), and became
# what the run measured. `wsprobe send --ack` is one JVM per sender and `wsprobe load` does not acknowledge,
# so neither can be thousands of acknowledged senders here. Receiver 1 is never killed: its RSS at the start
# and the end shows growth; of the others, the one holding the most connections is killed each time.
# Results: target/soak/<stamp>/ (summary.txt; senders.json, the senders' figures added up, and each
# process's senders-<p>.json and .log; distribution.tsv: the open connections on each receiver every 10 s;
# load.txt: the machine's load average every minute; the receivers' /status snapshots and logs; nginx's
# logs). Exit code 0 when no message was lost.
set -euo pipefail
cd "$(dirname "$0")/.."

SENDERS=${SOAK_SENDERS:-5000}
MINUTES=${SOAK_MINUTES:-30}
RECEIVERS=${SOAK_RECEIVERS:-3}
KILL_EVERY=${SOAK_KILL_EVERY:-120}
DRAIN=${SOAK_DRAIN:-300}
PORT=${SOAK_PORT:-24500}
NGINX_TEMPLATE=${SOAK_NGINX_TEMPLATE:-docker/nginx/templates/default.conf.template}
NGINX_WORKERS=${SOAK_NGINX_WORKERS:-auto}
SENDER_PROCESSES=${SOAK_SENDER_PROCESSES:-4}
RECEIVER_JAVA_OPTS=${SOAK_RECEIVER_JAVA_OPTS:-"-XX:+UseSerialGC -Xmn16m -Xmx512m"}
while [ $# -gt 0 ]; do
  case "$1" in
    --senders) SENDERS=$2; shift 2 ;;
    --minutes) MINUTES=$2; shift 2 ;;
    --receivers) RECEIVERS=$2; shift 2 ;;
    --kill-every) KILL_EVERY=$2; shift 2 ;;
    --drain) DRAIN=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --nginx-template) NGINX_TEMPLATE=$2; shift 2 ;;
    --nginx-workers) NGINX_WORKERS=$2; shift 2 ;;
    --sender-processes) SENDER_PROCESSES=$2; shift 2 ;;
    -h|--help) sed -n '2,37p' "$0"; exit 0 ;;
    *) echo "unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$RECEIVERS" in 2|3) ;; *) echo "--receivers must be 2 or 3 (the nginx template has three slots)" >&2; exit 2 ;; esac
# bounds: a run ends; the senders fit the open-file limit (nginx: 2 per connection, in one worker at worst)
if [ "$MINUTES" -lt 1 ] || [ "$MINUTES" -gt 240 ]; then echo "--minutes: 1 to 240" >&2; exit 2; fi
[ "$SENDERS" -ge 1 ] || { echo "--senders: at least 1" >&2; exit 2; }
if [ "$SENDER_PROCESSES" -lt 1 ] || [ "$SENDER_PROCESSES" -gt "$SENDERS" ] || [ "$SENDER_PROCESSES" -gt 16 ]; then
  echo "--sender-processes: 1 to 16, and not more than the senders" >&2; exit 2
fi
NEED_FILES=$((SENDERS * 2 + 200))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED_FILES" ]; then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # raise the soft limit to the hard one; the children inherit it
fi
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED_FILES" ]; then
  echo "--senders $SENDERS needs an open-file limit of $NEED_FILES (nginx: 2 per sender); here ulimit -n is" \
      "$(ulimit -n) (hard limit $(ulimit -Hn)): at most $((($(ulimit -n) - 200) / 2)) senders, or raise the" \
      "hard limit (limits.conf, systemd's LimitNOFILE, docker run --ulimit nofile=...)" >&2
  exit 2
fi
[ -f "$NGINX_TEMPLATE" ] || { echo "--nginx-template: $NGINX_TEMPLATE not found" >&2; exit 2; }

JAR=target/wsprobe.jar
[ -f "$JAR" ] || { echo "$JAR missing: mvn -B -DskipTests package first" >&2; exit 2; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx missing: apt-get install -y nginx" >&2; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
DEPS=target/soak/deps
OUT=target/soak/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT/status" "$OUT/nginx/temp" "$DEPS"
OUT=$(cd "$OUT" && pwd)
say() { echo "$(date +%H:%M:%S) $*" | tee -a "$OUT/summary.txt"; }

if [ ! -d "$DEPS/node_modules/ws" ]; then
  echo "installing Node's ws into $DEPS (not committed)"
  (cd "$DEPS" && npm install --no-audit --no-fund --silent ws@8)
fi

PIDS=()
RECEIVER_PID=()
cleanup() {
  for pid in "${RECEIVER_PID[@]}" "${PIDS[@]}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  sleep 1
  for pid in "${RECEIVER_PID[@]}" "${PIDS[@]}"; do
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

receiver_port() { echo $((PORT + 10 + $1)); }
LIFE=()
STARTING=() # since when (epoch seconds) a receiver has been starting, empty once it answers
start_receiver() { # index: starts it and returns at once (restarts must not hold up the loop below)
  local i=$1 port
  port=$(receiver_port "$i")
  LIFE[$i]=$(( ${LIFE[$i]:-0} + 1 ))
  # shellcheck disable=SC2086
  java $RECEIVER_JAVA_OPTS -jar "$JAR" server --host 127.0.0.1 --port "$port" --max-connections 0 \
      --idle-timeout 0 --log-messages summary >> "$OUT/receiver-$i.log" 2>&1 &
  RECEIVER_PID[$i]=$!
  STARTING[$i]=$(date +%s)
}
answers() { curl -sf --max-time 5 -o /dev/null "http://127.0.0.1:$(receiver_port "$1")/status" 2>/dev/null; }
await_receiver() { # index: until it answers (up to 5 minutes on a busy machine)
  local i=$1
  for _ in $(seq 1 1500); do
    answers "$i" && { STARTING[$i]=; return 0; }
    kill -0 "${RECEIVER_PID[$i]}" 2>/dev/null || break
    sleep 0.2
  done
  say "receiver $i did not start (see $OUT/receiver-$i.log)"; exit 1
}
snapshot() { # index: the receiver's /status, kept per life
  local i=$1
  curl -sf --max-time 5 "http://127.0.0.1:$(receiver_port "$i")/status" > "$OUT/status/r$i-life${LIFE[$i]}.tmp" 2>/dev/null \
    && mv "$OUT/status/r$i-life${LIFE[$i]}.tmp" "$OUT/status/r$i-life${LIFE[$i]}.json" || true
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
open_on() { # index: the receiver's open /receive connections, from its last snapshot
  local n
  n=$(sed -n 's/.*"\/receive":{"openConnections":\([0-9]*\).*/\1/p' "$OUT/status/r$1-life${LIFE[$1]}.json" 2>/dev/null || true)
  echo "${n:-0}"
}

shares() { # the open /receive connections on each receiver, from their last snapshots
  local i line=""
  for i in $(seq 1 "$RECEIVERS"); do line+="r$i=$(open_on "$i") "; done
  echo "${line% }"
}
rss_all() { # every receiver's RSS now, with its open connections and life
  local i line=""
  for i in $(seq 1 "$RECEIVERS"); do
    line+="r$i=$(( $(rss_kib "${RECEIVER_PID[$i]}") / 1024 )) MiB ($(open_on "$i") conn., life ${LIFE[$i]}) "
  done
  echo "${line% }"
}
load() { uptime | sed 's/.*load average/load average/'; }

say "soak: $SENDERS senders with acknowledgements, $MINUTES min, $RECEIVERS receivers behind nginx, one killed (SIGKILL) every $KILL_EVERY s; out: $OUT"
say "java: $(java -version 2>&1 | head -1); node: $(node --version); nginx: $($NGINX -v 2>&1 | sed 's/.*\///'), $NGINX_WORKERS worker processes, site $NGINX_TEMPLATE; receivers: $RECEIVER_JAVA_OPTS; open-file limit $(ulimit -n)"
say "machine at the start: $(nproc) cores, $(load)"
for i in $(seq 1 "$RECEIVERS"); do start_receiver "$i"; done
for i in $(seq 1 "$RECEIVERS"); do await_receiver "$i"; done

# nginx with the compose template, rendered as ScaleOutIT renders it; a throwaway certificate for its TLS
# listener (the senders use plain ws)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -keyout "$OUT/nginx/proxy.key" -out "$OUT/nginx/proxy.crt" 2>/dev/null
site=$(cat "$NGINX_TEMPLATE")
r3=$(receiver_port 3); [ "$RECEIVERS" -eq 2 ] && r3=$(receiver_port 2)
for pair in "WSPROBE_PROXY_LISTEN=127.0.0.1:$PORT" "WSPROBE_PROXY_TLS_LISTEN=127.0.0.1:$((PORT + 1))" \
    "WSPROBE_PROXY_CERTIFICATE=$OUT/nginx/proxy.crt" "WSPROBE_PROXY_KEY=$OUT/nginx/proxy.key" \
    "WSPROBE_RECEIVER_1=127.0.0.1:$(receiver_port 1)" "WSPROBE_RECEIVER_2=127.0.0.1:$(receiver_port 2)" \
    "WSPROBE_RECEIVER_3=127.0.0.1:$r3"; do
  site=${site//"\${${pair%%=*}}"/${pair#*=}}
done
printf '%s\n' "$site" > "$OUT/nginx/site.conf"
# the main file the official image supplies, with the limits raised for this many connections
cat > "$OUT/nginx/nginx.conf" <<EOF
# written by bench/soak.sh; the site is $NGINX_TEMPLATE, rendered
daemon off;
worker_processes $NGINX_WORKERS;
worker_rlimit_nofile $NEED_FILES;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections $((SENDERS * 2 + 100)); }
http {
    access_log off;
    client_body_temp_path $OUT/nginx/temp/body;
    proxy_temp_path $OUT/nginx/temp/proxy;
    fastcgi_temp_path $OUT/nginx/temp/fastcgi;
    uwsgi_temp_path $OUT/nginx/temp/uwsgi;
    scgi_temp_path $OUT/nginx/temp/scgi;
    include $OUT/nginx/site.conf;
}
EOF
"$NGINX" -p "$OUT/nginx/" -c "$OUT/nginx/nginx.conf" -e "$OUT/nginx/error.log" > "$OUT/nginx/console.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/status" && break; sleep 0.2; done

SECONDS_TOTAL=$((MINUTES * 60))
launched=$(date +%s)
# the senders in SENDER_PROCESSES Node processes, each with its share (and its share of the ramp rate); they
# report "every sender connected" and start their clocks together when told (SIGUSR1)
SENDER_PID=()
for p in $(seq 0 $((SENDER_PROCESSES - 1))); do
  first=$((SENDERS * p / SENDER_PROCESSES))
  count=$((SENDERS * (p + 1) / SENDER_PROCESSES - first))
  NODE_PATH="$DEPS/node_modules" SOAK_START_ON_SIGNAL=1 SOAK_RAMP=$(( (249 + SENDER_PROCESSES) / SENDER_PROCESSES )) \
      node bench/soak-senders.js "ws://127.0.0.1:$PORT/receive" "$count" "$SECONDS_TOTAL" "$DRAIN" \
      "$OUT/senders-$p.json" "$first" > "$OUT/senders-$p.log" 2>&1 &
  SENDER_PID+=($!)
  PIDS+=($!)
done
senders_alive() { local pid; for pid in "${SENDER_PID[@]}"; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }

# the ramp: the senders' clock starts once every one is connected (or after 5 minutes: the ramp is slow on a
# busy machine); then the receivers' RSS at the start
for _ in $(seq 1 300); do
  [ "$(cat "$OUT"/senders-*.log 2>/dev/null | grep -c ' every sender connected')" -ge "$SENDER_PROCESSES" ] && break
  for pid in "${SENDER_PID[@]}"; do
    kill -0 "$pid" 2>/dev/null || { say "a senders' process ended early: $(tail -3 "$OUT"/senders-*.log)"; exit 1; }
  done
  sleep 1
done
kill -USR1 "${SENDER_PID[@]}"
start=$(date +%s)
sleep 1
for i in $(seq 1 "$RECEIVERS"); do snapshot "$i"; done
RSS_START=$(rss_all)
say "ramp done after $((start - launched)) s: $(grep -ho 'sending for .*' "$OUT"/senders-*.log | sort | uniq -c | tr -s ' \n' ' '); connections per receiver: $(shares)"
say "receivers' RSS at the start: $RSS_START"

# the faults: every KILL_EVERY s, the receiver among 2..R holding the most connections gets SIGKILL and is
# started again at once (nginx never moves an open connection, so a restarted receiver holds only the
# connections that were opened after its restart: taking turns would often kill one that holds almost none)
next_kill=$((start + KILL_EVERY)) # each next kill KILL_EVERY s after the last
next_distribution=$start
next_load=$((start + 60))
printf 'second\t%s\n' "$(seq -s $'\t' -f 'r%g' 1 "$RECEIVERS")" > "$OUT/distribution.tsv"
echo "$(date +%H:%M:%S) 0 s: $(load)" > "$OUT/load.txt"
kills=0
after_kill=0
RSS_END=
while senders_alive && [ $(($(date +%s) - start)) -lt "$SECONDS_TOTAL" ]; do
  for i in $(seq 1 "$RECEIVERS"); do
    if [ -n "${STARTING[$i]:-}" ]; then
      if answers "$i"; then
        say "receiver $i started again (life ${LIFE[$i]}): answering after $(($(date +%s) - STARTING[$i])) s"
        STARTING[$i]=
      elif ! kill -0 "${RECEIVER_PID[$i]}" 2>/dev/null; then
        say "receiver $i did not start again (see $OUT/receiver-$i.log)"; exit 1
      fi
    fi
    snapshot "$i"
  done
  now=$(date +%s)
  if [ "$now" -ge "$next_distribution" ]; then
    printf '%s\t%s\n' $((now - start)) "$(shares | sed 's/r[0-9]*=//g; s/ /\t/g')" >> "$OUT/distribution.tsv"
    next_distribution=$((next_distribution + 10))
  fi
  if [ "$now" -ge "$next_load" ]; then
    echo "$(date +%H:%M:%S) $((now - start)) s: $(load)" >> "$OUT/load.txt"
    [ $(((now - start) % 300)) -lt 60 ] && say "machine: $(load)"
    next_load=$((next_load + 60))
  fi
  if [ "$after_kill" -gt 0 ] && [ "$now" -ge "$after_kill" ]; then
    say "30 s after kill $kills: connections per receiver: $(shares)"
    after_kill=0
  fi
  if [ -z "$RSS_END" ] && [ "$now" -ge $((start + SECONDS_TOTAL - 15)) ]; then
    # the receivers' RSS at the end: 15 s before it, while the senders are still connected, as at the start
    RSS_END=$(rss_all)
  fi
  # a kill every KILL_EVERY s, none in the last half interval (the senders must have time to come back)
  if [ "$now" -ge "$next_kill" ] && [ $((now + KILL_EVERY / 2)) -le $((start + SECONDS_TOTAL)) ]; then
    victim=2
    for i in $(seq 2 "$RECEIVERS"); do [ "$(open_on "$i")" -gt "$(open_on "$victim")" ] && victim=$i; done
    before=$(shares)
    rss_before=$(rss_all)
    snapshot "$victim" # its last count, read as close to the kill as this script can
    kill -9 "${RECEIVER_PID[$victim]}"
    wait "${RECEIVER_PID[$victim]}" 2>/dev/null || true
    kills=$((kills + 1))
    say "kill $kills: receiver $victim (SIGKILL); connections per receiver before it: $before; RSS: $rss_before"
    start_receiver "$victim"
    next_kill=$((now + KILL_EVERY))
    after_kill=$((now + 30))
  fi
  sleep 2
done
say "sending time over; connections per receiver: $(shares); the senders drain (up to $DRAIN s)"
for pid in "${SENDER_PID[@]}"; do wait "$pid" || true; done
for i in $(seq 1 "$RECEIVERS"); do snapshot "$i"; done
say "machine at the end: $(load)"

# the figures
node - "$OUT" "$RECEIVERS" "$kills" "$RSS_START" "${RSS_END:-not measured (the run ended early)}" <<'EOF' | tee -a "$OUT/summary.txt"
const fs = require('fs');
const [out, receivers, kills, rssStart, rssEnd] = process.argv.slice(2);
// the senders' processes' figures, added up (round trips from their histograms)
const parts = fs.readdirSync(out).filter((f) => /^senders-\d+\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(out + '/' + f, 'utf8')));
const senders = { closes: {}, seconds: Math.max(...parts.map((part) => part.seconds)) };
for (const key of ['senders', 'sent', 'resent', 'acknowledged', 'duplicateAcks', 'unknownAcks', 'connects',
    'reconnects', 'connectFailures', 'sendErrors', 'lost']) {
  senders[key] = parts.reduce((sum, part) => sum + part[key], 0);
}
for (const part of parts) {
  for (const [code, n] of Object.entries(part.closes)) senders.closes[code] = (senders.closes[code] || 0) + n;
}
function percentiles(name) {
  const histogram = new Map();
  for (const part of parts) for (const [ms, n] of part[name]) histogram.set(ms, (histogram.get(ms) || 0) + n);
  const sorted = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((sum, [, n]) => sum + n, 0);
  const at = (p) => {
    const rank = Math.ceil(count * p);
    let seen = 0;
    for (const [ms, n] of sorted) if ((seen += n) >= rank) return ms;
    return null;
  };
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: at(1) };
}
senders.rttMillis = percentiles('rttBuckets');
senders.rttMillisAfterRamp = percentiles('rttBucketsAfterRamp');
fs.writeFileSync(out + '/senders.json', JSON.stringify(senders, null, 1));
let received = 0, missing = 0, duplicates = 0, lives = 0;
for (const file of fs.readdirSync(out + '/status').filter((f) => f.endsWith('.json'))) {
  const status = JSON.parse(fs.readFileSync(out + '/status/' + file, 'utf8'));
  received += status.endpoints['/receive'].messagesReceived;
  missing += status.sequences.missing;
  duplicates += status.sequences.duplicates;
  lives++;
}
const lines = [
  `senders ${senders.senders} in ${parts.length} processes (which ran ${(senders.seconds / 60).toFixed(1)} min: ramp, sending, drain), ${receivers} receivers, ${kills} killed with SIGKILL and restarted`,
  `messages sent (numbered once each): ${senders.sent}; sent again after a reconnect: ${senders.resent}`,
  `acknowledged: ${senders.acknowledged}; lost (sent, never acknowledged after the drain): ${senders.lost}`,
  `received by the receivers (their /status counts, summed over ${lives} receiver lives; a killed receiver's count is read just before its kill): ${received}`,
  `duplicates: ${senders.duplicateAcks} acknowledgements for a message already acknowledged; received minus acknowledged: ${received - senders.acknowledged}; the receivers' own sequence counts: duplicates ${duplicates}, missing ${missing} (numbers a sender sent to another receiver before it moved count as missing where it arrived)`,
  `round trip to the acknowledgement: p50 ${senders.rttMillis.p50} ms, p99 ${senders.rttMillis.p99} ms, p99.9 ${senders.rttMillis.p999} ms, max ${senders.rttMillis.max} ms; after the ramp (from the first moment every sender was connected): p50 ${senders.rttMillisAfterRamp.p50} ms, p99 ${senders.rttMillisAfterRamp.p99} ms, p99.9 ${senders.rttMillisAfterRamp.p999} ms, max ${senders.rttMillisAfterRamp.max} ms`,
  `reconnects ${senders.reconnects}, failed connection attempts ${senders.connectFailures}, closes by code ${JSON.stringify(senders.closes)}, send errors ${senders.sendErrors}, acknowledgements of unknown numbers ${senders.unknownAcks}`,
  `receivers' RSS at the start: ${rssStart}`,
  `receivers' RSS at the end: ${rssEnd} (receiver 1 is never killed)`,
];
console.log(lines.join('\n'));
process.exit(senders.lost === 0 ? 0 : 1);
EOF
