// Turns bench/run.sh's points.jsonl into the Markdown tables of docs/benchmarks.md: medians over the runs,
// and the ratios wsprobe / ws measured side by side in the same run.
// Usage: node bench/summarize.js points.jsonl [machine.txt]
'use strict';
const fs = require('fs');

const [pointsFile, machineFile] = process.argv.slice(2);
const points = fs.readFileSync(pointsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));

const median = (values) => {
  const known = values.filter((v) => v !== null && v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
};
const group = (server, point) => points.filter((p) => p.server === server && p.point === point);
const stat = (server, point, pick) => median(group(server, point).map(pick));
const fmt = (value, digits = 1) => (value === null ? '-' : Number(value).toFixed(digits));
const ratio = (a, b) => (a === null || b === null || b === 0 ? '-' : (a / b).toFixed(2));
const runs = Math.max(...points.map((p) => p.run));

const servers = [...new Set(points.map((p) => p.server))].filter((s) => s !== 'raw-tcp');
const fanins = [...new Set(points.map((p) => p.point).filter((p) => p.startsWith('fanin-')))]
  .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));

const rssMiB = (p) => (p.serverPeakRssKb ? p.serverPeakRssKb / 1024 : null);
const perConnKiB = (p) => (p.serverPeakRssKb && p.connected ? (p.serverPeakRssKb - p.serverIdleRssKb) / p.connected : null);
const p50 = (p) => (p.latencyMs ? p.latencyMs.p50 : null);
const p99 = (p) => (p.latencyMs ? p.latencyMs.p99 : null);

const out = [];
out.push(`Medians of ${runs} run(s); every point with a freshly started server.`);
if (machineFile) {
  out.push('', '```', fs.readFileSync(machineFile, 'utf8').trim(), '```');
}

out.push('', '### Fan-in: N connections, 1 message (52 bytes) per second each, to /echo', '');
out.push('| N | server | connect s | errors | echo p50 ms | echo p99 ms | holds | server RSS MiB | RSS / connection KiB |');
out.push('|---|---|---|---|---|---|---|---|---|');
for (const point of fanins) {
  for (const server of servers) {
    if (group(server, point).length === 0) continue;
    const errors = stat(server, point, (p) => p.errors);
    const tail = stat(server, point, p99);
    const holds = errors === 0 && tail !== null && tail < 100 ? 'yes' : 'no';
    out.push(`| ${point.slice(6)} | ${server} | ${fmt(stat(server, point, (p) => p.connectSeconds))} | ${fmt(errors, 0)} | `
      + `${fmt(stat(server, point, p50), 2)} | ${fmt(tail, 1)} | ${holds} | ${fmt(stat(server, point, rssMiB), 0)} | `
      + `${fmt(stat(server, point, perConnKiB), 1)} |`);
  }
}

const throughputPoints = [['echo-1', 'echo, 1 connection, 64 in flight'], ['echo-64', 'echo, 64 connections, 16 in flight each'],
  ['oneway-1', 'one way to /receive, 1 connection, 64 in flight (counted by the server)']];
out.push('', '### Throughput: 52-byte messages per second', '');
out.push(`| point | ${servers.join(' | ')} | raw TCP |`);
out.push(`|---|${servers.map(() => '---|').join('')}---|`);
for (const [point, words] of throughputPoints) {
  const cells = servers.map((s) => fmt(stat(s, point, (p) => p.throughput), 0));
  const raw = point.startsWith('echo') ? fmt(stat('raw-tcp', point, (p) => p.throughput), 0) : '-';
  out.push(`| ${words} | ${cells.join(' | ')} | ${raw} |`);
}

// Per-run ratios a / b of one measure, their median: both servers measured in the same run.
const perRunRatio = (server, other, point, pick) => {
  const values = [];
  for (let run = 1; run <= runs; run++) {
    const a = points.find((p) => p.run === run && p.server === server && p.point === point);
    const b = points.find((p) => p.run === run && p.server === other && p.point === point);
    if (a && b && pick(a) !== null && pick(b) !== null && pick(b) !== 0) values.push(pick(a) / pick(b));
  }
  return median(values);
};
const ratioRows = (mine, other) => {
  for (const point of fanins) {
    out.push(`| p99 at ${point.slice(6)} | ${mine.map((s) => fmt(perRunRatio(s, other, point, p99), 2)).join(' | ')} |`);
    out.push(`| RSS / connection at ${point.slice(6)} | ${mine.map((s) => fmt(perRunRatio(s, other, point, perConnKiB), 2)).join(' | ')} |`);
  }
  for (const [point] of throughputPoints) {
    out.push(`| throughput ${point} | ${mine.map((s) => fmt(perRunRatio(s, other, point, (p) => p.throughput), 2)).join(' | ')} |`);
  }
};

if (servers.includes('node-ws')) {
  out.push('', '### Ratios to Node ws (medians of the per-run ratios; below 1 is better for latency and memory, above 1 for throughput)', '');
  const mine = servers.filter((s) => s !== 'node-ws');
  out.push(`| measure | ${mine.join(' | ')} |`);
  out.push(`|---|${mine.map(() => '---|').join('')}`);
  ratioRows(mine, 'node-ws');
}

const wars = servers.filter((s) => s.endsWith('-war'));
if (wars.length > 0 && servers.includes('wsprobe-ws')) {
  out.push('', `### The WAR on application servers against the standalone server (${wars.join(', ')} / wsprobe-ws, medians of the per-run ratios)`, '');
  out.push(`| measure | ${wars.join(' | ')} |`);
  out.push(`|---|${wars.map(() => '---|').join('')}`);
  ratioRows(wars, 'wsprobe-ws');
}

out.push('', '### Start-up: `java -jar` (or `node`, or WildFly\'s `standalone.sh`) to listening, and idle memory (medians over every server start)', '');
out.push('| server | ready ms | idle RSS MiB |');
out.push('|---|---|---|');
for (const server of servers) {
  const all = points.filter((p) => p.server === server);
  out.push(`| ${server} | ${fmt(median(all.map((p) => p.serverReadyMs)), 0)} | ${fmt(median(all.map((p) => p.serverIdleRssKb / 1024)), 0)} |`);
}
console.log(out.join('\n'));
