// node bench/deflate/summarize.js results.jsonl -> the Markdown table of docs/benchmarks.md ("Compression"):
// the median over the runs of each figure, per mode, and its ratio to compression off.
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
const modes = [...new Set(rows.map(r => r.mode))];
const median = xs => {
  const s = xs.filter(x => x !== null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const figures = [
  ['connections open (of asked)', r => r.fanin.open, 0],
  ['of them with permessage-deflate', r => r.fanin.negotiated, 0],
  ['RSS per connection, idle (KiB)', r => (r.rssIdleKiB - r.rssStartKiB) / r.connections, 1],
  ['RSS per connection, after traffic (KiB)', r => (r.rssTrafficKiB - r.rssStartKiB) / r.connections, 1],
  ['RSS in all after traffic (MiB)', r => r.rssTrafficKiB / 1024, 0],
  ['fan-in: messages echoed a second (all clients)', r => r.faninServerMessages / r.faninSeconds, 0],
  ['fan-in: server CPU per message (µs)', r => r.faninCpuSeconds * 1e6 / Math.max(1, r.faninServerMessages), 0],
  ['fan-in: round trip p50 (ms)', r => r.fanin.p50, 1],
  ['fan-in: round trip p99 (ms)', r => r.fanin.p99, 0],
  ['echo, 60-byte messages (msg/s)', r => r.echo60, 0],
  ['echo, 60-byte: server CPU per message (µs)', r => r.echo60CpuSeconds * 1e6 / Math.max(1, r.echo60ServerMessages), 0],
  ['echo, 1 KiB messages (msg/s)', r => r.echo1024, 0],
  ['echo, 1 KiB: server CPU per message (µs)', r => r.echo1024CpuSeconds * 1e6 / Math.max(1, r.echo1024ServerMessages), 0],
];
const fmt = (x, digits) => x === null ? '-' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const runs = Math.max(...modes.map(m => rows.filter(r => r.mode === m).length));
const out = [];
out.push(`Medians of ${runs} run(s) per mode; in brackets, the ratio to compression off.`);
out.push('');
out.push('| | ' + modes.join(' | ') + ' |');
out.push('|---|' + modes.map(() => '---').join('|') + '|');
for (const [name, f, digits] of figures) {
  const values = modes.map(m => median(rows.filter(r => r.mode === m).map(f)));
  const off = values[modes.indexOf('off')];
  out.push(`| ${name} | ` + values.map((v, i) => fmt(v, digits)
    + (modes[i] !== 'off' && off && v !== null && !name.startsWith('connections') && !name.startsWith('of them')
      ? ` (${(v / off).toFixed(2)}x)` : '')).join(' | ') + ' |');
}
out.push('');
out.push('Answers the clients got (first run of each mode): ' + modes.map(m => {
  const r = rows.find(x => x.mode === m);
  return `${m}: ` + Object.entries(r.fanin.answers).map(([a, c]) => `\`${a}\` x${c}`).join(', ');
}).join('; '));
out.push('');
out.push('Load average (1, 5, 15 min) at the start of each point: ' + rows.map(r => `${r.mode} #${r.run}: ${r.load}`).join('; '));
console.log(out.join('\n'));
