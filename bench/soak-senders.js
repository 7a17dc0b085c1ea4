// The soak run's senders (bench/soak.sh): N WebSocket connections in one Node process, each a wsprobe sender
// with acknowledgements, as `wsprobe send --ack` behaves: it names itself (?wsprobe-sender=ID&wsprobe-ack=1),
// sends "soak <id> #<n>" every interval, keeps each message until the receiver answers "ack #<n>", and after a
// reconnect sends every unacknowledged message again, in order. A round trip is from a message's last send to
// its acknowledgement. Its retries follow the jar sender's defaults: after 0.5 s, doubling up to 30 s, each at a
// random point in the upper half (RetryPolicy.DEFAULT). Its handshake timeout is 30 s (SOAK_HANDSHAKE_TIMEOUT_MS),
// as `wsprobe send --handshake-timeout 30s`, not the jar's 5 s: at a load average of 50 (other benchmarks on
// the same 2 cores) handshakes took longer than 5 s, each sender gave up and retried, the receivers completed
// the handshakes nobody waited for any more, and the ramp became a storm (about 50,000 connections opened and
// closed in 7 minutes, 1,000 of 5,000 senders connected).
//
//   node bench/soak-senders.js URL SENDERS SECONDS DRAIN_SECONDS OUT_JSON [FIRST_ID]
//
// The senders are soak-FIRST_ID ... soak-(FIRST_ID + SENDERS - 1) (FIRST_ID default 0): bench/soak.sh runs
// several of these processes side by side, each with its own share of the senders, so that one event loop
// starved of CPU on a busy machine does not become what the run measures.
// Ramps up (SOAK_RAMP connections a second, default 250), then sends for SECONDS from the moment every sender
// is connected (or from RAMP_LIMIT_SECONDS after the start, default 300, if some never get through: it says
// "sending for SECONDS s from now" either way; with SOAK_START_ON_SIGNAL=1 it says "every sender connected" and
// starts the clock on SIGUSR1 instead, so that several processes start together), then stops numbering new
// messages and waits up to DRAIN_SECONDS for the outstanding
// acknowledgements (resending after reconnects); then writes its counts to OUT_JSON and exits. One progress
// line every 10 s on stdout. Needs the `ws` package (bench/soak.sh installs it under target/, not committed).
'use strict';
const WebSocket = require('ws');

const [url, sendersArg, secondsArg, drainArg, out, firstIdArg] = process.argv.slice(2);
const FIRST_ID = Number(firstIdArg || 0);
const START_ON_SIGNAL = process.env.SOAK_START_ON_SIGNAL === '1';
const SENDERS = Number(sendersArg);
const SECONDS = Number(secondsArg);
const DRAIN_SECONDS = Number(drainArg);
const INTERVAL_MS = Number(process.env.SOAK_INTERVAL_MS || 1000);
const RAMP_PER_SECOND = Number(process.env.SOAK_RAMP || 250);
const HANDSHAKE_TIMEOUT_MS = Number(process.env.SOAK_HANDSHAKE_TIMEOUT_MS || 30000);
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30000;
const RAMP_LIMIT_SECONDS = Number(process.env.SOAK_RAMP_LIMIT_SECONDS || 300);
const MAX_RTT_MS = 120000;

// round trips in histograms of whole milliseconds (the last bucket is "or more"): the whole run; from the moment
// every sender was connected for the first time (the ramp excluded); since the last progress line
const rtt = new Uint32Array(MAX_RTT_MS + 1);
const rttAfterRamp = new Uint32Array(MAX_RTT_MS + 1);
const rttWindow = new Uint32Array(MAX_RTT_MS + 1);
let openNow = 0;
let rampDone = false;
const totals = {
  senders: SENDERS, sent: 0, resent: 0, acknowledged: 0, duplicateAcks: 0, unknownAcks: 0,
  connects: 0, reconnects: 0, connectFailures: 0, closes: {}, sendErrors: 0,
};
let numbering = true;
const started = Date.now();

class Sender {
  constructor(index) {
    this.id = 'soak-' + (FIRST_ID + index);
    this.next = 1;
    this.unacked = new Map(); // number -> time of its last send (ms, high resolution)
    this.acked = 0; // numbers up to here were all acknowledged (a fast path for duplicates)
    this.ackedAbove = new Set(); // acknowledged numbers above this.acked
    this.ws = null;
    this.open = false;
    this.connectedOnce = false;
    this.retries = 0; // consecutive failed or dropped connections
  }

  connect() {
    const target = url + (url.includes('?') ? '&' : '?') + 'wsprobe-sender=' + this.id + '&wsprobe-ack=1';
    const ws = new WebSocket(target, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS, perMessageDeflate: false });
    this.ws = ws;
    ws.on('open', () => {
      this.open = true;
      if (++openNow === SENDERS && !rampDone) {
        rampDone = true;
        console.log(new Date().toISOString() + ' every sender connected');
        if (!START_ON_SIGNAL) startSendingClock('every sender connected');
      }
      this.retries = 0;
      totals.connects++;
      if (this.connectedOnce) totals.reconnects++;
      this.connectedOnce = true;
      for (const number of [...this.unacked.keys()].sort((a, b) => a - b)) {
        this.send(number, true);
      }
    });
    ws.on('message', (data) => this.acknowledged(data.toString()));
    ws.on('error', () => { if (!this.open) totals.connectFailures++; });
    ws.on('close', (code) => {
      totals.closes[code] = (totals.closes[code] || 0) + 1;
      if (this.open) openNow--;
      this.open = false;
      if (this.ws === ws) this.ws = null;
      if (!finished) {
        const base = Math.min(RETRY_FIRST_MS * 2 ** this.retries, RETRY_MAX_MS);
        this.retries++;
        setTimeout(() => this.connect(), base / 2 + Math.random() * base / 2);
      }
    });
  }

  tick() {
    if (!numbering || !this.open) return; // like the jar's sender, a tick while not connected is skipped
    const number = this.next++;
    totals.sent++;
    this.send(number, false);
  }

  send(number, again) {
    this.unacked.set(number, performance.now());
    if (again) totals.resent++;
    this.ws.send('soak ' + this.id + ' #' + number, (error) => { if (error) totals.sendErrors++; });
  }

  acknowledged(text) {
    const match = /^ack #(\d+)$/.exec(text);
    if (!match) return;
    const number = Number(match[1]);
    const sentAt = this.unacked.get(number);
    if (sentAt === undefined) {
      if (number <= this.acked || this.ackedAbove.has(number)) totals.duplicateAcks++;
      else totals.unknownAcks++;
      return;
    }
    this.unacked.delete(number);
    const millis = Math.min(MAX_RTT_MS, Math.round(performance.now() - sentAt));
    rtt[millis]++;
    rttWindow[millis]++;
    if (rampDone) rttAfterRamp[millis]++;
    totals.acknowledged++;
    this.ackedAbove.add(number);
    while (this.ackedAbove.has(this.acked + 1)) {
      this.ackedAbove.delete(this.acked + 1);
      this.acked++;
    }
  }
}

function percentile(p, histogram = rtt) {
  let count = 0;
  for (let i = 0; i < histogram.length; i++) count += histogram[i];
  if (count === 0) return null;
  const rank = Math.ceil(count * p);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= rank) return i;
  }
  return MAX_RTT_MS;
}

function outstanding() {
  let n = 0;
  for (const sender of senders) n += sender.unacked.size;
  return n;
}

const senders = [];
let finished = false;
for (let i = 0; i < SENDERS; i++) senders.push(new Sender(i));
// open them at RAMP_PER_SECOND, each with its own tick phase
senders.forEach((sender, i) => {
  setTimeout(() => {
    sender.connect();
    setTimeout(() => { sender.timer = setInterval(() => sender.tick(), INTERVAL_MS); }, Math.random() * INTERVAL_MS);
  }, (i / RAMP_PER_SECOND) * 1000);
});

const progress = setInterval(() => {
  const open = senders.filter((s) => s.open).length;
  console.log(new Date().toISOString() + ' open ' + open + '/' + SENDERS + ' sent ' + totals.sent + ' acknowledged '
      + totals.acknowledged + ' outstanding ' + outstanding() + ' reconnects ' + totals.reconnects + ' p99 '
      + percentile(0.99) + ' ms, in the last 10 s ' + percentile(0.99, rttWindow) + ' ms');
  rttWindow.fill(0);
}, 10000);

let sendingClockStarted = false;
function startSendingClock(why) {
  if (sendingClockStarted) return;
  sendingClockStarted = true;
  console.log(new Date().toISOString() + ' sending for ' + SECONDS + ' s from now (' + why + ')');
  setTimeout(stopNumbering, SECONDS * 1000);
}
setTimeout(() => startSendingClock('ramp limit reached: ' + openNow + ' of ' + SENDERS + ' connected'),
    RAMP_LIMIT_SECONDS * 1000);
process.on('SIGUSR1', () => startSendingClock('told to start: ' + openNow + ' of ' + SENDERS + ' connected'));

function stopNumbering() {
  numbering = false;
  console.log(new Date().toISOString() + ' stopped numbering; draining up to ' + DRAIN_SECONDS + ' s');
  const drainStarted = Date.now();
  const drain = setInterval(() => {
    if (outstanding() === 0 || Date.now() - drainStarted > DRAIN_SECONDS * 1000) {
      clearInterval(drain);
      finish();
    }
  }, 200);
}

/** The non-empty buckets, [[millis, count], ...], for merging several processes' figures. */
function buckets(histogram) {
  const nonEmpty = [];
  for (let i = 0; i < histogram.length; i++) if (histogram[i] > 0) nonEmpty.push([i, histogram[i]]);
  return nonEmpty;
}

function summary(histogram) {
  return { p50: percentile(0.5, histogram), p90: percentile(0.9, histogram), p99: percentile(0.99, histogram),
    p999: percentile(0.999, histogram), max: percentile(1, histogram) };
}

function finish() {
  finished = true;
  clearInterval(progress);
  for (const sender of senders) {
    clearInterval(sender.timer);
    if (sender.ws) sender.ws.close(1000, 'soak done');
  }
  const result = Object.assign({}, totals, {
    lost: outstanding(),
    seconds: (Date.now() - started) / 1000,
    rttMillis: summary(rtt),
    rttMillisAfterRamp: summary(rttAfterRamp),
    rttBuckets: buckets(rtt),
    rttBucketsAfterRamp: buckets(rttAfterRamp),
  });
  require('fs').writeFileSync(out, JSON.stringify(result));
  const { rttBuckets, rttBucketsAfterRamp, ...figures } = result;
  console.log(new Date().toISOString() + ' done: ' + JSON.stringify(figures));
  setTimeout(() => process.exit(0), 2000).unref();
}
