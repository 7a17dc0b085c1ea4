// The Node `ws` load generator of the benchmark: the same points as `wsprobe load`, with the same flags and the
// same --json summary, so bench/run.sh can drive a server with either and compare what each generator costs.
//
//   node bench/ws-load.js [--connections N] [--ramp N] [--rate N|max|0 (idle)] [--in-flight N] [--size N]
//        [--warmup 5s] [--duration 10s] [--mode echo|receiver|auto] [--cacert FILE] [--tls-resume]
//        [--handshake-timeout 10s] [--json] URL
//
// Phases as in wsprobe's LoadRun: connect (ramped, at most 128 handshakes at once; each connection starts
// sending when open), warm-up, measured time, a drain of up to 5 s, close. Echo: round trips from a timestamp
// carried in the message ("t=<microseconds>;" padded with dots, as wsprobe's). Receiver: the server's own
// count from its /status. Without --tls-resume every wss connection makes a full TLS handshake, as `ws` does by
// default (it passes no agent, so Node caches no session); with it, one https.Agent keeps sessions to resume.
// Against a receiver, pipelined: the next message goes out when the previous one was written (setImmediate: a
// chain of write callbacks alone would never let the timers run). Needs `ws` on NODE_PATH (bench/run.sh installs it into bench/.deps).
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const tlsModule = require('tls');
const WebSocket = require('ws');

const args = process.argv.slice(2);
const opt = { connections: 100, ramp: 500, rate: '1', inFlight: 16, size: 52, warmup: 0, duration: 10, mode: 'auto',
  cacert: null, json: false, tlsResume: false, handshakeTimeout: 10 };
const seconds = (s) => Number(String(s).replace(/s$/, ''));
let url;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const next = () => args[++i];
  if (a === '--connections') opt.connections = Number(next());
  else if (a === '--ramp') opt.ramp = Number(next());
  else if (a === '--rate') opt.rate = next();
  else if (a === '--in-flight') opt.inFlight = Number(next());
  else if (a === '--size') opt.size = Number(next());
  else if (a === '--warmup') opt.warmup = seconds(next());
  else if (a === '--duration') opt.duration = seconds(next());
  else if (a === '--mode') opt.mode = next();
  else if (a === '--cacert') opt.cacert = next();
  else if (a === '--handshake-timeout') opt.handshakeTimeout = seconds(next());
  else if (a === '--tls-resume') opt.tlsResume = true;
  else if (a === '--json') opt.json = true;
  else if (a.startsWith('--')) { console.error(`unknown option ${a}`); process.exit(2); }
  else url = a;
}
if (!url) { console.error('usage: node ws-load.js [options] ws://host:port/path'); process.exit(2); }
if (opt.rate !== 'max' && (String(opt.rate).trim() === '' || !(Number(opt.rate) >= 0))) {
  console.error(`--rate must be messages a second (0: none, the connections stay idle) or max, not '${opt.rate}'`);
  process.exit(2);
}
const target = new URL(url);
const echo = opt.mode === 'echo' || (opt.mode === 'auto' && target.pathname.includes('echo'));
const pipelined = opt.rate === 'max';
const live = opt.json ? process.stderr : process.stdout;

// Round trips in microseconds: log-linear buckets (128 per power of two, under 1 % error), bounded memory.
class Histogram {
  constructor() { this.counts = new Float64Array(25 * 128); this.total = 0; this.max = 0; }
  index(v) {
    if (v < 128) return v;
    const e = 24 - Math.clz32(v); // v >> e is in [128, 256)
    return e * 128 + (v >> e);
  }
  value(i) { if (i < 256) return i; const e = Math.floor(i / 128) - 1; return ((i % 128) + 128) * 2 ** e; }
  record(v) { v = Math.max(0, Math.min(Math.round(v), 2 ** 31 - 1)); this.counts[this.index(v)]++; this.total++; if (v > this.max) this.max = v; }
  add(o) { for (let i = 0; i < o.counts.length; i++) this.counts[i] += o.counts[i]; this.total += o.total; this.max = Math.max(this.max, o.max); }
  reset() { this.counts.fill(0); this.total = 0; this.max = 0; }
  percentile(p) {
    if (this.total === 0) return null;
    let seen = 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    for (let i = 0; i < this.counts.length; i++) { seen += this.counts[i]; if (seen >= rank) return this.value(i); }
    return this.max;
  }
}

const stats = { connected: 0, connectFailures: 0, sent: 0, sendErrors: 0, received: 0, dropped: 0 };
let firstError = null;
const error = (words) => { if (firstError === null) firstError = words; };
const measured = new Histogram();
const lastSecond = new Histogram();
let measuring = false;
let sending = true;
let phase = 'connecting';
const nowMicros = () => Number(process.hrtime.bigint() / 1000n);
const padding = '.'.repeat(Math.max(0, opt.size));
const message = () => { const stamp = `t=${nowMicros()};`; return stamp.length >= opt.size ? stamp : stamp + padding.slice(stamp.length); };
// One secure context for every connection: given only `ca`, Node would build a new one (and parse the
// certificate again) for each connection, a cost that is the script's, not the protocol's.
const ca = opt.cacert ? fs.readFileSync(opt.cacert) : undefined;
const tls = target.protocol === 'wss:'
  ? { ca, secureContext: tlsModule.createSecureContext(ca ? { ca } : {}),
    agent: opt.tlsResume ? new https.Agent({ keepAlive: false, maxCachedSessions: 1000 }) : undefined }
  : {};
const sockets = [];

function send(ws) {
  if (!sending || ws.readyState !== WebSocket.OPEN) return;
  ws.send(message(), (err) => {
    if (err) { stats.sendErrors++; error(`send failed: ${err.message}`); } else if (pipelined && !echo) setImmediate(send, ws);
  });
  stats.sent++;
}

function open() {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: opt.handshakeTimeout * 1000, ...tls });
    let opened = false;
    ws.on('open', () => {
      opened = true;
      stats.connected++;
      sockets.push(ws);
      if (pipelined) for (let i = 0; i < opt.inFlight; i++) send(ws);
      else if (Number(opt.rate) > 0) {
        const period = 1000 / Number(opt.rate);
        // a random phase spreads the senders over the period, as independent clients would be
        setTimeout(() => { send(ws); ws.timer = setInterval(() => send(ws), period); }, Math.random() * period);
      }
      resolve();
    });
    ws.on('message', (data) => {
      const text = data.toString();
      if (!text.startsWith('t=')) return;
      stats.received++;
      const rtt = nowMicros() - Number(text.slice(2, text.indexOf(';')));
      lastSecond.record(rtt);
      if (measuring) measured.record(rtt);
      if (pipelined) send(ws);
    });
    ws.on('close', (code) => {
      clearInterval(ws.timer);
      if (opened && !ws.closingByUs) { stats.dropped++; error(`closed by the server or the network: ${code}`); }
    });
    ws.on('error', (err) => {
      if (!opened) { stats.connectFailures++; error(`connect failed: ${err.message}`); resolve(); } else error(`connection error: ${err.message}`);
    });
  });
}

function receiverCount() {
  if (echo) return Promise.resolve(-1);
  const statusUrl = new URL(target.href);
  statusUrl.protocol = target.protocol === 'wss:' ? 'https:' : 'http:';
  statusUrl.pathname = `${target.pathname.slice(0, target.pathname.lastIndexOf('/') + 1)}status`;
  statusUrl.search = '';
  const client = statusUrl.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    client.get(statusUrl, { ca: tls.ca }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => {
        try {
          const endpoints = JSON.parse(body).endpoints || {};
          const path = Object.keys(endpoints).filter((p) => target.pathname.endsWith(p)).sort((a, b) => b.length - a.length)[0];
          resolve(path ? endpoints[path].messagesReceived : -1);
        } catch (e) { resolve(-1); }
      });
    }).on('error', () => resolve(-1));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (v) => (v === null ? null : Math.round(v * 1000) / 1000);

async function main() {
  const startEpochMs = Date.now();
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
  let previous = 0;
  const clock = setInterval(() => {
    const count = echo ? stats.received : stats.sent;
    const p = (q) => { const v = lastSecond.percentile(q); return v === null ? '' : `, p${q} ${(v / 1000).toFixed(2)} ms`; };
    live.write(`${Math.round(elapsed())}s ${phase}: ${stats.connected - stats.dropped}/${opt.connections} open, `
      + `${stats.connectFailures} failed, ${count - previous} msg/s${p(50)}${p(99)}\n`);
    previous = count;
    lastSecond.reset();
  }, 1000);
  const receiverBefore = await receiverCount();

  // connect: ramped, at most 128 handshakes under way (as wsprobe load), bounded like wsprobe's
  const giveUp = 2 * (opt.connections / opt.ramp) + 30;
  const attempts = [];
  let underway = 0;
  for (let i = 0; i < opt.connections; i++) {
    const wait = (i / opt.ramp) - elapsed();
    if (wait > 0.001) await sleep(wait * 1000);
    while (underway >= 128) await sleep(1);
    if (elapsed() > giveUp) { stats.connectFailures++; error('connect not attempted: the connect phase ran too long'); continue; }
    underway++;
    attempts.push(open().then(() => { underway--; }));
  }
  await Promise.all(attempts);
  const connectSeconds = elapsed();
  const connectedEpochMs = Date.now();

  if (opt.warmup > 0) { phase = 'warm-up'; await sleep(opt.warmup * 1000); }
  phase = 'measuring';
  const atStart = { ...stats };
  const receiverAtStart = await receiverCount();
  const measureStartEpochMs = Date.now();
  const t0 = elapsed();
  measuring = true;
  await sleep(opt.duration * 1000);
  measuring = false;
  const measuredSeconds = elapsed() - t0;
  const measureEndEpochMs = Date.now();
  const receiverAtEnd = await receiverCount();
  const measuredReceived = stats.received - atStart.received;
  const measuredSent = stats.sent - atStart.sent;

  phase = 'draining';
  sending = false;
  let receiverAfter = -1;
  for (const deadline = elapsed() + 5; elapsed() < deadline; await sleep(50)) {
    if (echo && stats.received >= stats.sent) break;
    if (!echo) { receiverAfter = await receiverCount(); if (receiverAfter < 0 || receiverAfter - receiverBefore >= stats.sent) break; }
  }
  const missing = echo ? Math.max(0, stats.sent - stats.received) : 0;
  phase = 'closing';
  clearInterval(clock);
  for (const ws of sockets) { ws.closingByUs = true; clearInterval(ws.timer); ws.close(1000, 'load done'); }

  const counted = !echo && receiverBefore >= 0 && receiverAfter >= 0;
  const receiverMeasured = !echo && receiverAtStart >= 0 && receiverAtEnd >= 0 ? receiverAtEnd - receiverAtStart : -1;
  const messages = echo ? measuredReceived : receiverMeasured >= 0 ? receiverMeasured : measuredSent;
  const errors = stats.connectFailures + stats.sendErrors + stats.dropped + missing;
  const latency = (q) => { const v = measured.percentile(q); return v === null ? null : fmt(v / 1000); };
  const result = {
    target: url, mode: echo ? 'echo' : 'receiver', connections: opt.connections,
    ratePerConnection: pipelined ? null : Number(opt.rate), inFlight: pipelined ? opt.inFlight : null, sizeBytes: opt.size,
    connected: stats.connected, connectFailures: stats.connectFailures, connectSeconds: fmt(connectSeconds),
    measuredSeconds: fmt(measuredSeconds), sent: stats.sent, received: stats.received, missing,
    receiverCounted: counted ? receiverAfter - receiverBefore : null, sendErrors: stats.sendErrors, dropped: stats.dropped,
    errors, throughput: fmt(measuredSeconds > 0 ? messages / measuredSeconds : 0),
    latencyMs: { p50: latency(50), p90: latency(90), p99: latency(99), 'p99.9': latency(99.9),
      max: measured.total ? fmt(measured.max / 1000) : null, count: measured.total },
    phasesEpochMs: { start: startEpochMs, connected: connectedEpochMs, measureStart: measureStartEpochMs, measureEnd: measureEndEpochMs },
    stoppedEarly: false, firstError,
  };
  if (opt.json) console.log(JSON.stringify(result));
  else console.log(result);
  await sleep(200); // let the close frames go out
  process.exit(errors === 0 && stats.connected > 0 ? 0 : 1);
}
main();
