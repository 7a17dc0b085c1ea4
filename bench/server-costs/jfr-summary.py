#!/usr/bin/env python3
"""Sums up a JFR recording of the server (bench/server-costs/profile.sh): where the CPU samples are (by top
frame, and inclusively by the methods a sample passes through), what is allocated and from where (JFR's
allocation samples, weighted in bytes), and the GC pauses.

    python3 bench/server-costs/jfr-summary.py server.jfr [TOP]
"""
import collections
import json
import subprocess
import sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
events = json.loads(subprocess.run(
    ["jfr", "print", "--json", "--stack-depth", "64", "--events",
     "jdk.ExecutionSample,jdk.ObjectAllocationSample,jdk.GarbageCollection", path],
    check=True, capture_output=True, text=True).stdout)["recording"]["events"]


def frames(event):
    trace = event["values"].get("stackTrace") or {}
    return [f"{f['method']['type']['name']}.{f['method']['name']}" for f in trace.get("frames", [])]


def interesting(frame):
    return not frame.startswith(("java.", "jdk.", "sun."))


samples = [frames(e) for e in events if e["type"] == "jdk.ExecutionSample"]
print(f"CPU samples: {len(samples)}")
self_counts = collections.Counter(s[0] for s in samples if s)
print(f"\n-- top frames (self), of {len(samples)} samples")
for name, count in self_counts.most_common(top):
    print(f"{100 * count / len(samples):5.1f} %  {name}")
inclusive = collections.Counter()
for s in samples:
    for name in set(s):
        inclusive[name] += 1
print("\n-- methods a sample passes through (inclusive), outside the JDK")
for name, count in [(n, c) for n, c in inclusive.most_common(400) if interesting(n)][:top]:
    print(f"{100 * count / len(samples):5.1f} %  {name}")

allocations = [e for e in events if e["type"] == "jdk.ObjectAllocationSample"]
total = sum(e["values"]["weight"] for e in allocations)
print(f"\nallocation samples: {len(allocations)}, weight {total / 2**20:.1f} MiB")
by_site = collections.Counter()
by_class = collections.Counter()
for e in allocations:
    weight = e["values"]["weight"]
    stack = frames(e)
    site = next((f for f in stack if interesting(f)), stack[0] if stack else "?")
    klass = e["values"]["objectClass"]["name"]
    by_site[(klass, site)] += weight
    by_class[klass] += weight
print("\n-- allocated, by class")
for klass, weight in by_class.most_common(top):
    print(f"{100 * weight / max(1, total):5.1f} %  {klass}")
print("\n-- allocated, by class and the first frame outside the JDK")
for (klass, site), weight in by_site.most_common(top):
    print(f"{100 * weight / max(1, total):5.1f} %  {klass}  <-  {site}")

pauses = [e for e in events if e["type"] == "jdk.GarbageCollection"]


def millis(duration):
    # JFR prints durations as ISO-8601 (PT0.0123S)
    text = duration.replace("PT", "").replace("S", "")
    return float(text) * 1000 if text else 0.0


durations = [millis(e["values"]["duration"]) for e in pauses]
if durations:
    print(f"\nGC: {len(durations)} collections, {sum(durations):.0f} ms in all, longest {max(durations):.1f} ms")
