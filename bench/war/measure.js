// One load point against a server that is already running, driven by several independent Node `ws` processes
// (bench/war/client.js); the server's CPU time and RSS read from /proc during the measured window.
//
//   node bench/war/measure.js --pid PID --url ws://127.0.0.1:PORT/wsprobe/echo --point fanin:10000 \
//        [--processes 2] [--ramp 1000] [--warmup 20] [--seconds 20] [--label NAME]
//   node bench/war/measure.js --pid PID --url ... --point echo:64:16 [--processes 2] [--warmup 5] [--seconds 10]
//
// Phases: connect (every connection open or failed, at most 240 s), warm-up, measured window.
// Prints one JSON line: connections opened and failed (not open by the end, or closed before it), echoed
// messages a second, round trip p50/p99 (ms), server CPU (% of one core, and microseconds per echoed message),
// server RSS (kB) before the connections and at the end, the connect time, the load average at start and end.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const opt = { processes: 2, ramp: 1000, warmup: null, seconds: null, label: '' };
for (let i = 0; i < args.length; i += 2) opt[args[i].replace(/^--/, '')] = args[i + 1];
const [kind, a, b] = opt.point.split(':');
const fanin = kind === 'fanin';
const warmup = Number(opt.warmup ?? (fanin ? 20 : 5));
const seconds = Number(opt.seconds ?? (fanin ? 20 : 10));
const processes = Number(opt.processes);
const connections = Number(a);

const TICK = 100; // USER_HZ
const cpuTicks = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const result = { label: opt.label, point: opt.point, processes, loadStart: load(), rssIdleKb: rssKb(opt.pid) };
const children = [];
const spawned = [];
const outputs = [];
let connected = 0;
const started = Date.now();
for (let p = 0; p < processes; p++) {
  const share = Math.floor(connections / processes) + (p < connections % processes ? 1 : 0);
  const perProcessRamp = Math.ceil(Number(opt.ramp) / processes);
  const child = spawn(process.execPath, [path.join(__dirname, 'client.js'), kind, opt.url, String(share),
    String(fanin ? perProcessRamp : b)], { stdio: ['pipe', 'pipe', 'inherit'] });
  spawned.push(child);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    if (out.includes('"event":"connected"') && !child.settled) { child.settled = true; connected++; measureWhenConnected(); }
  });
  children.push(new Promise((resolve) => child.on('exit', () => { outputs.push(out); resolve(); })));
}
process.on('SIGINT', () => { for (const c of spawned) c.kill(); process.exit(130); });

// The measured window starts once every connection is open or has failed (or after CONNECT_LIMIT_S: then the
// connections still waiting count as failed), after the warm-up.
const CONNECT_LIMIT_S = 240;
let windowSet = false;
const connectLimit = setTimeout(() => measureWhenConnected(true), CONNECT_LIMIT_S * 1000);
function measureWhenConnected(force = false) {
  if (windowSet || (!force && connected < processes)) return;
  windowSet = true;
  clearTimeout(connectLimit);
  result.connectSeconds = Math.round((Date.now() - started) / 100) / 10;
  const from = Date.now() + warmup * 1000;
  const until = from + seconds * 1000;
  for (const c of spawned) c.stdin.write(`${from} ${until}\n`);
  let cpuFrom = null;
  setTimeout(() => { cpuFrom = cpuTicks(opt.pid); }, from - Date.now());
  setTimeout(() => {
    result.cpuSeconds = (cpuTicks(opt.pid) - cpuFrom) / TICK;
    result.cpuPercent = Math.round(result.cpuSeconds / seconds * 1000) / 10;
    result.rssEndKb = rssKb(opt.pid);
  }, until - Date.now());
}

Promise.all(children).then(() => {
  const parts = outputs.map((o) => JSON.parse(o.trim().split('\n').pop()));
  const sum = (k) => parts.reduce((s, p) => s + p[k], 0);
  const buckets = {};
  for (const p of parts) for (const [i, n] of Object.entries(p.buckets)) buckets[i] = (buckets[i] || 0) + n;
  const echoed = sum('echoed');
  const percentile = (q) => {
    const rank = Math.ceil(echoed * q);
    let seen = 0;
    for (const i of Object.keys(buckets).map(Number).sort((x, y) => x - y)) {
      seen += buckets[i];
      if (seen >= rank) return i / 10;
    }
    return null;
  };
  Object.assign(result, {
    // failed: never open (refused, timed out, or still waiting at the end) or closed before the end
    connections, open: sum('open'), failed: connections - sum('open') + sum('closedEarly'),
    connectFailures: sum('connectFailures'), closedEarly: sum('closedEarly'), sent: sum('sent'), echoed,
    lost: sum('sent') - echoed, perSecond: Math.round(echoed / seconds), p50: percentile(0.5), p99: percentile(0.99),
    cpuUsPerMessage: echoed ? Math.round(result.cpuSeconds * 1e6 / echoed) : null,
    rssPerConnectionKb: fanin ? Math.round((result.rssEndKb - result.rssIdleKb) / Math.max(1, sum('open')) * 10) / 10 : null,
    firstError: parts.map((p) => p.firstError).find((e) => e) || null, loadEnd: load(),
  });
  process.stdout.write(JSON.stringify(result) + '\n');
});
