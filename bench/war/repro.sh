#!/usr/bin/env bash
# Minimal reproduction of Payara Micro's cost per WebSocket message, with nothing of wsprobe's in the server:
# a WAR of one class (bench/war/repro/Echo.java: an annotated echo endpoint whose sessions have the idle
# timeout off), on Payara Micro 6.2025.10 as shipped and with the fix for Tyrus' idle timer
# (docker/payara/idle-timer-*.asadmin), driven by independent Node `ws` processes, with a JFR profile of the server
# during each point: `jfrContextCapture` of `jfrSamples` CPU samples are in the managed executor's context
# capture (ContextSetupProviderImpl.saveContext) that Tyrus' idle timer causes for every message.
#
#   bench/war/repro.sh                                   # 1 run, fanin:2000 and echo:64:16
#   REPEAT=3 POINTS="fanin:10000 echo:64:16" bench/war/repro.sh
#
# Results as bench/war/compare.sh's (target/bench/war-<stamp>/).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=target/bench/payara-repro
rm -rf "$OUT"
mkdir -p "$OUT/lib" "$OUT/war/WEB-INF/classes"
# the API the class compiles against (the server has its own)
for artifact in jakarta.websocket-api jakarta.websocket-client-api; do
  mvn -q -B dependency:copy -Dartifact="jakarta.websocket:$artifact:2.1.1" -DoutputDirectory="$OUT/lib"
done
javac --release 17 -cp "$OUT/lib/*" -d "$OUT/war/WEB-INF/classes" bench/war/repro/Echo.java
jar --create --file "$OUT/repro.war" -C "$OUT/war" .
WAR="$OUT/repro.war" JFR=yes VARIANTS=${VARIANTS:-"payara-shipped payara-idle-fix"} REPEAT=${REPEAT:-1} \
  POINTS=${POINTS:-"fanin:2000 echo:64:16"} exec bench/war/compare.sh
