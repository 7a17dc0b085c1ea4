// One Node `ws` load process of bench/war/measure.js (several of them drive one server, so that the generator is
// not the bottleneck). Loopback only; bounded in connections and time.
//
//   node client.js fanin URL CONNECTIONS RAMP_PER_S
//     opens CONNECTIONS (RAMP_PER_S a second, at most 64 handshakes at once, each given up after 30 s); each open
//     connection sends a 52-byte text message once a second (its first one at a random point of its first
//     second) and measures the echo's round trip
//   node client.js echo URL CONNECTIONS IN_FLIGHT
//     CONNECTIONS each with IN_FLIGHT 52-byte messages pipelined
// Prints {"event":"connected",...} once every connection is open or has failed, then waits for a line
// "FROM_MS UNTIL_MS" (epoch milliseconds) on stdin: messages sent in that window are counted (round trips,
// echoes). Prints its totals as one JSON line 3 s after UNTIL_MS (for late echoes) and exits.
'use strict';
const WebSocket = require('ws');

const [mode, url, connectionsArg, arg4] = process.argv.slice(2);
const CONNECTIONS = Number(connectionsArg);
let FROM = Infinity; // the measured window, from stdin
let UNTIL = Infinity;
const SIZE = 52;
const MAX_HANDSHAKES = 64;
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const epochOffsetUs = Date.now() * 1000 - nowUs();
const inWindow = (us) => { const ms = (us + epochOffsetUs) / 1000; return ms >= FROM && ms < UNTIL; };
const padding = '.'.repeat(SIZE);
const sentAt = (data) => Number(data.toString('latin1', 2, data.indexOf(59)));

// round trips in 0.1 ms buckets up to 60 s, the last bucket "or more"
const BUCKETS = 600001;
const histogram = new Uint32Array(BUCKETS);
const totals = { connections: CONNECTIONS, open: 0, connectFailures: 0, closedEarly: 0, sent: 0, echoed: 0,
  firstError: null };
let finished = false;
const sockets = [];
let started = 0;
let pending = 0;

function connect() {
  started++;
  pending++;
  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 30000 });
  let opened = false;
  ws.on('open', () => {
    opened = true;
    pending--;
    totals.open++;
    sockets.push(ws);
    if (mode === 'fanin') {
      setTimeout(() => { send(ws); ws.timer = setInterval(() => send(ws), 1000); }, Math.random() * 1000);
    } else {
      for (let i = 0; i < Number(arg4); i++) send(ws);
    }
  });
  ws.on('message', (data) => {
    const sent = sentAt(data);
    if (inWindow(sent)) {
      totals.echoed++;
      histogram[Math.min(BUCKETS - 1, Math.floor((nowUs() - sent) / 100))]++;
    }
    if (mode === 'echo' && !finished) send(ws);
  });
  ws.on('error', (e) => { if (totals.firstError === null) totals.firstError = String(e.message || e); });
  ws.on('close', () => {
    clearInterval(ws.timer);
    if (!opened) { pending--; totals.connectFailures++; } else if (!finished) totals.closedEarly++;
  });
}

// every connection attempted and settled (open or failed): say so, once
const settled = setInterval(() => {
  if (started < CONNECTIONS || pending > 0) return;
  clearInterval(settled);
  process.stdout.write(JSON.stringify({ event: 'connected', open: totals.open, failed: totals.connectFailures }) + '\n');
}, 100);

function send(ws) {
  if (finished || ws.readyState !== WebSocket.OPEN) return;
  const t = nowUs();
  if (inWindow(t)) totals.sent++;
  ws.send(`t=${t};` + padding.slice(`t=${t};`.length));
}

const RAMP = mode === 'fanin' ? Number(arg4) : 1000;
const ramp = setInterval(() => {
  let budget = Math.ceil(RAMP / 10);
  while (budget-- > 0 && started < CONNECTIONS && pending < MAX_HANDSHAKES) connect();
  if (started >= CONNECTIONS) clearInterval(ramp);
}, 100);

function percentile(p) {
  const rank = Math.ceil(totals.echoed * p);
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) { seen += histogram[i]; if (seen >= rank && rank > 0) return i / 10; }
  return null;
}

let input = '';
process.stdin.on('data', (d) => {
  input += d;
  if (!input.includes('\n') || FROM !== Infinity) return;
  [FROM, UNTIL] = input.trim().split(' ').map(Number);
  setTimeout(() => { finished = true; for (const ws of sockets) clearInterval(ws.timer); }, UNTIL - Date.now());
  setTimeout(() => {
    const buckets = {};
    histogram.forEach((count, i) => { if (count) buckets[i] = count; });
    for (const ws of sockets) ws.terminate();
    // exit once the line is out: it can be larger than the pipe holds, and exit() would cut it
    process.stdout.write(JSON.stringify({ ...totals, p50: percentile(0.5), p99: percentile(0.99), buckets }) + '\n',
      () => process.exit(0));
  }, UNTIL - Date.now() + 3000);
});
