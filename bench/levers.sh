#!/usr/bin/env bash
# What the load generators cost per connection under different settings: bench/run.sh's connect points (and any
# other points asked for) once per variant and repetition, the variants interleaved so that whatever else runs
# on the machine weighs on all of them alike; each variant's generator is named after the variant in the table.
# Medians per variant in target/bench/levers-<stamp>/table.md.
#
#   bench/levers.sh
#   VARIANTS="jdk17=GENERATOR=wsprobe|jdk25=GENERATOR=wsprobe LOAD_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java" bench/levers.sh
#
# Settings: VARIANTS (label=bench/run.sh settings separated by spaces, variants separated by |), REPEAT (default
# 3), SERVERS (default node-wss: a server outside the JVM, so that the generators' TLS is what differs), and
# bench/run.sh's CONNECT_POINTS, CERT_KEY, ... The default variants: TLS resumption off and on for both
# generators, and wsprobe load on JDK 25, with the certificate of CERT_KEY.
set -euo pipefail
cd "$(dirname "$0")/.."
CHILD=
trap 'echo "interrupted" >&2; [ -n "$CHILD" ] && kill "$CHILD" 2>/dev/null; wait; exit 130' INT TERM
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
VARIANTS=${VARIANTS:-"wsprobe-full=GENERATOR=wsprobe TLS_RESUMPTION=off|wsprobe-resume=GENERATOR=wsprobe TLS_RESUMPTION=on|node-full=GENERATOR=node TLS_RESUMPTION=off|node-resume=GENERATOR=node TLS_RESUMPTION=on|wsprobe-jdk25-full=GENERATOR=wsprobe TLS_RESUMPTION=off LOAD_JAVA=$JDK25|wsprobe-jdk25-resume=GENERATOR=wsprobe TLS_RESUMPTION=on LOAD_JAVA=$JDK25"}
REPEAT=${REPEAT:-3}
OUT=target/bench/levers-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
: > "$OUT/points.jsonl"
IFS='|' read -r -a variants <<< "$VARIANTS"
for repetition in $(seq "$REPEAT"); do
  for variant in "${variants[@]}"; do
    label="${variant%%=*}"
    run_out="$OUT/$repetition-$label"
    # shellcheck disable=SC2086 # the variant's settings are words on purpose
    env SERVERS="${SERVERS:-node-wss}" FANIN_POINTS="${FANIN_POINTS-}" THROUGHPUT_POINTS="${THROUGHPUT_POINTS-}" \
      GENERATOR_CHECK= RAW_TCP=no JDK_SERVERS= BENCH_OUT="$run_out" RUNS=1 ${variant#*=} bench/run.sh > /dev/null &
    CHILD=$! # stopped with this script: run.sh's own trap then ends what it started
    wait "$CHILD"
    CHILD=
    sed -e "s/\"run\":1,/\"run\":$repetition,/" -e "s/\"generator\":\"[a-z]*\"/\"generator\":\"$label\"/" \
      "$run_out/points.jsonl" >> "$OUT/points.jsonl"
  done
done
cp "$run_out/machine.txt" "$OUT/machine.txt"
node bench/summarize.js "$OUT/points.jsonl" "$OUT/machine.txt" > "$OUT/table.md"
cat "$OUT/table.md"
