// Medians per variant and point of bench/war/compare.sh's points.jsonl, as a Markdown table, with each
// variant's ratio to the jar's (throughput: variant / jar; p99: variant / jar) where the jar ran.
//
//   node bench/war/summarize.js target/bench/war-<stamp>/points.jsonl
'use strict';
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const median = (values) => {
  const v = values.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const groups = new Map();
for (const l of lines) {
  const key = `${l.point} ${l.label}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(l);
}
const row = (ls) => ({
  runs: ls.length, failed: median(ls.map((l) => l.failed)), perSecond: median(ls.map((l) => l.perSecond)),
  p50: median(ls.map((l) => l.p50)), p99: median(ls.map((l) => l.p99)), cpu: median(ls.map((l) => l.cpuPercent)),
  cpuUs: median(ls.map((l) => l.cpuUsPerMessage)), kib: median(ls.map((l) => l.rssPerConnectionKb)),
});
const out = ['| point | server | runs | failed | echoed/s | p50 ms | p99 ms | server CPU % | CPU us/msg | KiB/conn | x jar (msg/s, p99) |',
  '|---|---|---|---|---|---|---|---|---|---|---|'];
const fmt = (x, d = 0) => (x === null ? '-' : Number(x).toFixed(d));
for (const [key, ls] of [...groups.entries()].sort()) {
  const [point, label] = key.split(' ');
  const r = row(ls);
  const jar = groups.has(`${point} jar`) ? row(groups.get(`${point} jar`)) : null;
  const ratio = jar && label !== 'jar' && jar.perSecond && jar.p99
    ? `${fmt(r.perSecond / jar.perSecond, 2)}, ${fmt(r.p99 / jar.p99, 1)}` : '-';
  out.push(`| ${point} | ${label} | ${r.runs} | ${fmt(r.failed)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | `
    + `${fmt(r.cpu)} | ${fmt(r.cpuUs)} | ${fmt(r.kib, 1)} | ${ratio} |`);
}
out.push('', `load average during the points: ${lines.map((l) => l.loadStart.split(' ')[0]).join(', ')}`);
process.stdout.write(out.join('\n') + '\n');
