#!/usr/bin/env python3
"""Who holds what in a heap dump (jcmd PID GC.heap_dump FILE): for each class asked for, how many of its
instances (and their shallow bytes) are referenced from which class and field. A small HPROF reader for
finding per-connection state, not a general tool.

    python3 bench/server-costs/hprof-owners.py dump.hprof java.util.HashMap '[B' ...
Class names as the JVM spells them in dumps: java.util.HashMap, [B (byte[]), [Ljava.lang.Object; ...
"""
import collections
import struct
import sys

path, wanted = sys.argv[1], set(sys.argv[2:])
data = open(path, 'rb').read()
end_of_header = data.index(b'\0')
id_size = struct.unpack_from('>I', data, end_of_header + 1)[0]
ID = '>Q' if id_size == 8 else '>I'
pos = end_of_header + 1 + 4 + 8
SIZES = {2: id_size, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIM_NAMES = {4: '[Z', 5: '[C', 6: '[F', 7: '[D', 8: '[B', 9: '[S', 10: '[I', 11: '[J'}

strings, class_names = {}, {}
classes = {}  # class id -> (super id, instance field list [(name id, type)])
instances = {}  # object id -> (class name, shallow size)
refs = []  # (from object id, field name, to object id)


def rid(offset):
    return struct.unpack_from(ID, data, offset)[0]


def heap_segment(start, stop):
    p = start
    while p < stop:
        tag = data[p]
        p += 1
        if tag == 0xFF:
            refs.append((0, 'root', rid(p)))
            p += id_size
        elif tag in (0x01,):
            refs.append((0, 'JNI global', rid(p)))
            p += 2 * id_size
        elif tag in (0x02, 0x03):
            refs.append((0, 'JNI local' if tag == 0x02 else 'stack frame', rid(p)))
            p += id_size + 8
        elif tag in (0x04, 0x06):
            refs.append((0, 'root', rid(p)))
            p += id_size + 4
        elif tag in (0x05, 0x07):
            refs.append((0, 'root', rid(p)))
            p += id_size
        elif tag == 0x08:
            refs.append((0, 'thread', rid(p)))
            p += id_size + 8
        elif tag == 0x20:  # class dump
            cid = rid(p)
            super_id = rid(p + id_size + 4)
            p += id_size + 4 + 6 * id_size + 4
            constants = struct.unpack_from('>H', data, p)[0]
            p += 2
            for _ in range(constants):
                kind = data[p + 2]
                p += 3 + SIZES[kind]
            statics = struct.unpack_from('>H', data, p)[0]
            p += 2
            for _ in range(statics):
                kind = data[p + id_size]
                if kind == 2 and rid(p + id_size + 1):
                    static_refs.append((cid, rid(p), rid(p + id_size + 1)))
                p += id_size + 1 + SIZES[kind]
            count = struct.unpack_from('>H', data, p)[0]
            p += 2
            fields = []
            for _ in range(count):
                fields.append((rid(p), data[p + id_size]))
                p += id_size + 1
            classes[cid] = (super_id, fields)
        elif tag == 0x21:  # instance
            oid, cid = rid(p), rid(p + id_size + 4)
            length = struct.unpack_from('>I', data, p + 2 * id_size + 4)[0]
            body = p + 2 * id_size + 8
            pending_instances.append((oid, cid, body, length))
            p = body + length
        elif tag == 0x22:  # object array
            oid = rid(p)
            n = struct.unpack_from('>I', data, p + id_size + 4)[0]
            acid = rid(p + id_size + 8)
            name = class_names.get(acid, '[?')
            instances[oid] = (name, 16 + n * 4)
            base = p + 2 * id_size + 8
            for i in range(n):
                target = rid(base + i * id_size)
                if target:
                    refs.append((oid, '[]', target))
            p = base + n * id_size
        elif tag == 0x23:  # primitive array
            oid = rid(p)
            n = struct.unpack_from('>I', data, p + id_size + 4)[0]
            kind = data[p + id_size + 8]
            instances[oid] = (PRIM_NAMES[kind], 16 + n * SIZES[kind])
            p += id_size + 9 + n * SIZES[kind]
        else:
            raise ValueError('unknown heap tag %#x at %d' % (tag, p))


pending_instances = []
static_refs = []  # (class id, field name id, target)
while pos < len(data):
    tag = data[pos]
    length = struct.unpack_from('>I', data, pos + 5)[0]
    body = pos + 9
    if tag == 0x01:
        strings[rid(body)] = data[body + id_size: body + length].decode('utf-8', 'replace')
    elif tag == 0x02:
        class_names[rid(body + 4)] = strings.get(rid(body + 8 + id_size), '?').replace('/', '.')
    elif tag in (0x0C, 0x1C):
        heap_segment(body, body + length)
    pos = body + length

for oid, cid, body, length in pending_instances:
    name = class_names.get(cid, '?')
    instances[oid] = (name, 16 + length)
    p = body
    c = cid
    while c and c in classes:
        super_id, fields = classes[c]
        for name_id, kind in fields:
            if kind == 2:
                target = rid(p)
                if target:
                    refs.append((oid, strings.get(name_id, '?'), target))
            p += SIZES[kind]
        c = super_id

for cid, name_id, target in static_refs:
    instances.setdefault(-cid, ('static ' + class_names.get(cid, '?'), 0))
    refs.append((-cid, strings.get(name_id, '?'), target))
instances[0] = ('(GC root)', 0)

owners = collections.defaultdict(collections.Counter)
sizes = collections.defaultdict(collections.Counter)
for source, field, target in refs:
    t = instances.get(target)
    if t and t[0] in wanted:
        s = instances.get(source, ('?', 0))[0]
        owners[t[0]][(s, field)] += 1
        sizes[t[0]][(s, field)] += t[1]
for name in sorted(wanted):
    total = sum(1 for v in instances.values() if v[0] == name)
    print(f"== {name}: {total} instances, {sum(v[1] for v in instances.values() if v[0] == name)} bytes (largest owners first)")
    for (source, field), _ in sizes[name].most_common(15):
        count = owners[name][(source, field)]
        print(f'  {count:7d}  {sizes[name][(source, field)]:9d} B  from {source}.{field}')
