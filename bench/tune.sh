#!/usr/bin/env bash
# How the server's transport defaults were chosen: the same points as bench/run.sh against wsprobe-ws only,
# once per server variant and repetition, the variants interleaved so that whatever else runs on the machine
# weighs on all of them alike. Medians per variant in target/bench/tune-<stamp>/table.md.
#
#   bench/tune.sh
#   VARIANTS="same-thread=--io-strategy same-thread|workers-4=--io-strategy worker-thread --worker-threads 4" bench/tune.sh
#
# Settings: VARIANTS (label=server flags, separated by |), JVM_VARIANTS (label=JVM options, separated by |),
# REPEAT (default 3), GENERATOR (default wsprobe), and bench/run.sh's FANIN_POINTS, FANIN_SECONDS,
# THROUGHPUT_POINTS, ... (its connect points, generator check and other JDKs are off here unless set)
set -euo pipefail
cd "$(dirname "$0")/.."
CHILD=
trap 'echo "interrupted" >&2; [ -n "$CHILD" ] && kill "$CHILD" 2>/dev/null; wait; exit 130' INT TERM
VARIANTS=${VARIANTS:-"same-thread-2=--io-strategy same-thread|same-thread-1=--io-strategy same-thread --selector-threads 1|workers-4=--io-strategy worker-thread --worker-threads 4"}
JVM_VARIANTS=${JVM_VARIANTS:-"serial=-XX:+UseSerialGC -Xmn16m"}
REPEAT=${REPEAT:-3}
OUT=target/bench/tune-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
: > "$OUT/points.jsonl"
IFS='|' read -r -a server_variants <<< "$VARIANTS"
IFS='|' read -r -a jvm_variants <<< "$JVM_VARIANTS"
for repetition in $(seq "$REPEAT"); do
  for jvm in "${jvm_variants[@]}"; do
    for variant in "${server_variants[@]}"; do
      label="${variant%%=*}/${jvm%%=*}"
      run_out="$OUT/$repetition-${label//\//-}"
      BENCH_OUT="$run_out" RUNS=1 SERVERS=wsprobe-ws RAW_TCP=no WSPROBE_SERVER_FLAGS="${variant#*=}" \
        GENERATOR=${GENERATOR:-wsprobe} JDK_SERVERS= CONNECT_POINTS=${CONNECT_POINTS-} GENERATOR_CHECK=${GENERATOR_CHECK-} \
        WSPROBE_JAVA_OPTS="${jvm#*=}" bench/run.sh > /dev/null &
      CHILD=$! # stopped with this script: run.sh's own trap then ends what it started
      wait "$CHILD"
      CHILD=
      sed -e "s/\"run\":1,/\"run\":$repetition,/" -e "s#\"server\":\"wsprobe-ws\"#\"server\":\"$label\"#" \
        "$run_out/points.jsonl" >> "$OUT/points.jsonl"
    done
  done
done
cp "$run_out/machine.txt" "$OUT/machine.txt"
node bench/summarize.js "$OUT/points.jsonl" "$OUT/machine.txt" > "$OUT/table.md"
cat "$OUT/table.md"
