#!/usr/bin/env bash
# The WAR on application servers next to the standalone jar, each driven by independent Node `ws` processes
# (bench/war/measure.js): a fresh server per point, variants interleaved so that whatever else
# runs on the machine weighs on all of them alike. One JSON line per point in target/bench/war-<stamp>/points.jsonl,
# with `uptime` before each point; medians per variant and point at the end.
#
#   bench/war/compare.sh
#   VARIANTS="payara-shipped payara-tuned" POINTS="fanin:10000" REPEAT=3 bench/war/compare.sh
#
# Variants:
#   jar              target/wsprobe.jar with the README's settings for many connections
#   payara-shipped   target/wsprobe.war on Payara Micro as shipped (only: loopback, no Hazelcast, no phone-home)
#   payara-idle-fix  the same with only the fix for Tyrus' idle timer (docker/payara/idle-timer-*.asadmin)
#   payara-tuned     the same with all the README's Payara settings (that fix and docker/payara/tuning-preboot.asadmin)
#   wildfly-shipped  target/wsprobe.war on WildFly (target/wildfly, provisioned by `mvn -Pwildfly
#                    pre-integration-test`) with its own settings
#   wildfly-tuned    the same with the README's WildFly settings (docker/wildfly/tuning.cli)
# Settings: VARIANTS, POINTS (fanin:N, echo:CONNECTIONS:IN_FLIGHT), REPEAT (default 3), PORT (default 24510),
# WAR (default target/wsprobe.war; its file name is its context root, its endpoint must be at <root>/echo), JAR
# (default target/wsprobe.jar),
# JFR (yes: a JFR profile of the server during each point, and the share of its CPU samples that are in the
# managed executor's context capture, `ContextSetupProviderImpl.saveContext`, in the point's line),
# PROCESSES (Node client processes, default 2), WARMUP / SECONDS_MEASURED (per point; measure.js's defaults:
# 20/20 s fan-in, 5/10 s echo), PAYARA_JAR (default target/payara-micro/payara-micro.jar, where the build puts
# the container tests' Payara Micro 6.2025.10).
set -euo pipefail
cd "$(dirname "$0")/../.."

VARIANTS=${VARIANTS:-"jar payara-shipped payara-tuned wildfly-shipped wildfly-tuned"}
POINTS=${POINTS:-"fanin:10000 echo:64:16"}
REPEAT=${REPEAT:-3}
PORT=${PORT:-24510}
PROCESSES=${PROCESSES:-2}
PAYARA_JAR=${PAYARA_JAR:-target/payara-micro/payara-micro.jar}
WILDFLY_HOME=${WILDFLY_HOME:-target/wildfly}
LOOPBACK=src/test/containers/payara-micro/preboot.asadmin
WAR=${WAR:-target/wsprobe.war}
JAR=${JAR:-target/wsprobe.jar}
CONTEXT=$(basename "$WAR" .war)
JFR=${JFR:-no}
OUT=target/bench/war-$(date +%Y%m%d-%H%M%S)
DEPS=bench/.deps
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
: > "$OUT/points.jsonl"

[ -f target/wsprobe.war ] && [ -f target/wsprobe.jar ] || mvn -q -B -Pno-containers -DskipTests package
if [[ " $VARIANTS " == *" payara-"* ]] && [ ! -f "$PAYARA_JAR" ]; then
  # the Payara Micro of the container tests (the pom's payara-micro execution)
  mvn -q -B -DskipTests -Ppayara pre-integration-test
fi
if [[ " $VARIANTS " == *" wildfly-"* ]] && [ ! -x "$WILDFLY_HOME/bin/standalone.sh" ]; then
  mvn -q -B -DskipTests -Pwildfly pre-integration-test
fi
[ -d "$DEPS/node_modules/ws" ] || (mkdir -p "$DEPS" && cd "$DEPS" && npm install --no-audit --no-fund --silent ws@8)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

STARTED=()
cleanup() { for pid in "${STARTED[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'echo interrupted >&2; exit 130' INT TERM

# Starts variant $1 with its log in $2; sets SERVER_PID (the server's JVM) and BASE (the ws:// base URL).
start() {
  local variant=$1 log=$2
  case "$variant" in
    jar)
      java -XX:+UseSerialGC -Xmn16m -jar "$JAR" server --host 127.0.0.1 --port "$PORT" \
        --max-connections 0 --idle-timeout 0 > "$log" 2>&1 &
      SERVER_PID=$!; BASE="ws://127.0.0.1:$PORT"; READY="listening on" ;;
    payara-*)
      # loopback and no Hazelcast as in the container tests; tuned: plus the README's settings
      local tmp="$OUT/payara-tmp" options=(--prebootcommandfile "$LOOPBACK")
      rm -rf "$tmp"; mkdir -p "$tmp"
      if [ "$variant" != payara-shipped ]; then
        cat "$LOOPBACK" docker/payara/idle-timer-preboot.asadmin > "$OUT/preboot.asadmin"
        [ "$variant" = payara-tuned ] && cat docker/payara/tuning-preboot.asadmin >> "$OUT/preboot.asadmin"
        options=(--prebootcommandfile "$OUT/preboot.asadmin" --postbootcommandfile docker/payara/idle-timer-postboot.asadmin)
      fi
      java -Djava.io.tmpdir="$tmp" -jar "$PAYARA_JAR" --deploy "$WAR" --port "$PORT" \
        --disablephonehome "${options[@]}" > "$log" 2>&1 &
      SERVER_PID=$!; BASE="ws://127.0.0.1:$PORT/$CONTEXT"; READY="Payara Micro .* ready in" ;;
    wildfly-*)
      local base="$OUT/wildfly-base" template="$WILDFLY_HOME/standalone"
      if [ "$variant" = wildfly-tuned ]; then
        # the settings applied once, to a template every tuned start copies
        template="$OUT/wildfly-tuned-template"
        [ -d "$template" ] || bench/war/wildfly-tuned.sh "$WILDFLY_HOME" "$template" > "$OUT/wildfly-cli.log" 2>&1
      fi
      rm -rf "$base"; cp -r "$template" "$base"; rm -rf "$base/log"
      cp "$WAR" "$base/deployments/"
      "$WILDFLY_HOME/bin/standalone.sh" -Djboss.server.base.dir="$base" -Djboss.bind.address=127.0.0.1 \
        -Djboss.http.port="$PORT" -Djboss.https.port="$((PORT + 1))" \
        -Djboss.management.http.port="$((PORT + 2))" > "$log" 2>&1 &
      local script=$!
      STARTED+=("$script")
      SERVER_PID=
      # standalone.sh runs WildFly's JVM as its child: measure and stop that JVM (slow to appear on a busy machine)
      for _ in $(seq 1200); do SERVER_PID=$(pgrep -P "$script" -f jboss-modules || true); [ -n "$SERVER_PID" ] && break; sleep 0.05; done
      SERVER_PID=${SERVER_PID:-$script}
      # the tuned server logs to server.log only
      BASE="ws://127.0.0.1:$PORT/$CONTEXT"; READY="WFLYSRV0025"; log="$base/log/server.log" ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
  STARTED+=("$SERVER_PID")
  for _ in $(seq 1800); do
    grep -q "$READY" "$log" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$variant did not start, see $log" >&2; exit 3; }
    sleep 0.1
  done
  echo "$variant not ready after 180 s, see $log" >&2; exit 3
}

stop() {
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
}

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); node $(node --version); results in $OUT" | tee "$OUT/machine.txt"
for repetition in $(seq "$REPEAT"); do
  for variant in $VARIANTS; do
    for point in $POINTS; do
      # a fresh server for every point: what one point leaves behind (a backlog, closing connections, a
      # grown heap) must not weigh on the next
      start "$variant" "$OUT/$repetition-$variant-${point//:/-}.log"
      sleep 2
      up=$(uptime)
      profile="$OUT/$repetition-$variant-${point//:/-}.jfr"
      [ "$JFR" = yes ] && jcmd "$SERVER_PID" JFR.start name=point settings=profile filename="$profile" > /dev/null
      line=$(NODE_PATH="$DEPS/node_modules" node bench/war/measure.js --pid "$SERVER_PID" --url "$BASE/echo" \
        --point "$point" --processes "$PROCESSES" --label "$variant" ${WARMUP:+--warmup "$WARMUP"} \
        ${SECONDS_MEASURED:+--seconds "$SECONDS_MEASURED"})
      if [ "$JFR" = yes ]; then
        jcmd "$SERVER_PID" JFR.stop name=point > /dev/null
        # CPU samples in all, and those with the managed executor's context capture on the stack
        shares=$(jfr print --stack-depth 200 --events jdk.ExecutionSample "$profile" | awk '
          /^jdk.ExecutionSample/ { samples++; hit = 0 }
          /ContextSetupProviderImpl.saveContext/ && !hit { capture++; hit = 1 }
          END { printf "\"jfrSamples\":%d,\"jfrContextCapture\":%d,", samples, capture }')
        line="{$shares${line#\{}"
      fi
      echo "{\"run\":$repetition,\"uptime\":\"${up## }\",${line#\{}" | tee -a "$OUT/points.jsonl"
      stop
    done
  done
done
node bench/war/summarize.js "$OUT/points.jsonl" | tee "$OUT/table.md"
