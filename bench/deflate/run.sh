#!/usr/bin/env bash
# The compression measurement of docs/benchmarks.md: bench/deflate/run.sh on|off PORT CONNECTIONS
# Starts target/wsprobe.jar with --compression on|off on 127.0.0.1:PORT, opens CONNECTIONS Node `ws` clients that
# offer permessage-deflate (fanin.js: one message a second each for 20 s), reads the server's RSS and CPU from
# /proc, then measures echo throughput over 64 connections (echo.js: 16 in flight each, 60-byte and 1 KiB
# messages). Needs Node with `ws` (NODE_PATH, e.g. bench/.deps/node_modules after bench/run.sh installed it).
# Ends the processes it started, by PID. Output files go to the current directory.
set -u
mode=$1; port=$2; conns=$3
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/../../target/wsprobe.jar
java -XX:+UseSerialGC -Xmn16m -jar $jar server --host 127.0.0.1 --port $port --max-connections 0 \
  --idle-timeout 0 --log-messages summary --compression $mode > server-$mode.log 2>&1 &
spid=$!
for i in $(seq 1 100); do grep -q 'new: ready' server-$mode.log && break; sleep 0.2; done
rss() { awk '/VmRSS/{print $2}' /proc/$spid/status; }
cpu() { awk '{print $14+$15}' /proc/$spid/stat; }
tck=$(getconf CLK_TCK)
rss0=$(rss)
node $here/fanin.js ws://127.0.0.1:$port/echo $conns 20 1 > fanin-$mode.out 2> fanin-$mode.err &
npid=$!
for i in $(seq 1 600); do grep -q OPEN fanin-$mode.out && break; sleep 0.2; done
rss_open=$(rss); cpu0=$(cpu); t0=$(date +%s.%N)
for i in $(seq 1 600); do grep -q DONE fanin-$mode.out && break; sleep 0.2; done
cpu1=$(cpu); t1=$(date +%s.%N); rss_traffic=$(rss)
kill $npid; wait $npid 2>/dev/null
sleep 2
echo "mode=$mode conns=$conns rss_start_kib=$rss0 rss_open_kib=$rss_open rss_after_traffic_kib=$rss_traffic"
echo "per_conn_idle_kib=$(( (rss_open - rss0) / conns )) per_conn_traffic_kib=$(( (rss_traffic - rss0) / conns ))"
echo "server_cpu_s=$(echo "scale=2; ($cpu1-$cpu0)/$tck" | bc) window_s=$(echo "$t1-$t0" | bc | cut -c1-5)"
cat fanin-$mode.err; grep "{" fanin-$mode.out
for size in 60 1024; do
  echo -n "echo 64x16 size=$size: "; c0=$(cpu); node $here/echo.js ws://127.0.0.1:$port/echo 64 16 10 1 $size; c1=$(cpu)
  echo "  server_cpu_s_incl_warmup=$(echo "scale=2; ($c1-$c0)/$tck" | bc)"
done
kill $spid; wait $spid 2>/dev/null
