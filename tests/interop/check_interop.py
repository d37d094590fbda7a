#!/usr/bin/env python3
"""Cross-language interop check: other languages' libraries read what xmm writes, and xmm reads what they write.

Run with a Python that has Debian's python3-msgpack, python3-yaml (PyYAML, YAML 1.1),
python3-ruamel.yaml (YAML 1.2), python3-protobuf and protoc on PATH:

    /usr/bin/python3 tests/interop/check_interop.py "dotnet src/Xmmutablemap.Cli/bin/Release/net10.0/xmm.dll"

For every config in the corpus, with H = `xmm hash` of it:
  1. xmm converts it to JSON, YAML, MessagePack and protobuf; Python's json, PyYAML, ruamel.yaml,
     msgpack and Google's protobuf read those files, and the independent reference implementation
     (schemas/reference/canonical.py) must compute H from what they read;
  2. Python's json, PyYAML, ruamel.yaml, msgpack and protobuf write the same values (keys in reverse
     order, so non-canonical), and `xmm hash` of those files must print H.
Ends with one line "interop: N passed, N failed".
"""
import io
import json
import math
import random
import re
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "schemas", "reference"))
import canonical  # noqa: E402

import msgpack  # noqa: E402
import yaml  # noqa: E402  PyYAML: YAML 1.1
from ruamel.yaml import YAML  # noqa: E402  YAML 1.2

CORPUS = [
    ("examples/train.yaml", True),
    ("examples/train.json", True),
    ("examples/service.yaml", True),
    ("tests/interop/kitchen-sink.yaml", False),  # NaN, infinities, bytes, integer keys: no JSON form
    ("tests/interop/kitchen-sink-json.yaml", True),
]
EXTENSIONS = {"json": ".json", "yaml": ".yaml", "msgpack": ".msgpack", "protobuf": ".binpb"}

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def xmm(cmd, *args):
    return subprocess.run(shlex.split(cmd) + list(args), capture_output=True)


def reference_hash(value):
    return canonical.content_hash(canonical.encode(canonical.from_plain(value)))


def load_pb2(workdir):
    subprocess.run(["protoc", "--proto_path=" + os.path.join(ROOT, "schemas"), "--python_out=" + workdir, "xmmutablemap.proto"], check=True)
    sys.path.insert(0, workdir)
    import xmmutablemap_pb2
    return xmmutablemap_pb2


def from_pb_map(pb, m):
    result = {}
    for entry in m.entries:
        kind = entry.WhichOneof("key")
        key = getattr(entry, kind)
        assert key not in result, "duplicate key"
        result[key] = from_pb_value(pb, entry.value)
    return result


def from_pb_value(pb, v):
    kind = v.WhichOneof("kind")
    if kind == "null_value":
        return None
    if kind == "list_value":
        return [from_pb_value(pb, x) for x in v.list_value.values]
    if kind == "map_value":
        return from_pb_map(pb, v.map_value)
    return getattr(v, kind)


def to_pb_map(pb, d):
    m = pb.Map()
    for key in reversed(list(d.keys())):
        entry = m.entries.add()
        if isinstance(key, str):
            entry.string_key = key
        elif key < 0 or key <= 2**63 - 1:
            entry.int_key = key
        else:
            entry.uint_key = key
        set_pb_value(pb, entry.value, d[key])
    return m


def set_pb_value(pb, target, v):
    if v is None:
        target.null_value = pb.NULL_VALUE
    elif isinstance(v, bool):
        target.bool_value = v
    elif isinstance(v, int):
        if v < 0 or v <= 2**63 - 1:
            target.int_value = v
        else:
            target.uint_value = v
    elif isinstance(v, float):
        target.float_value = v
    elif isinstance(v, str):
        target.string_value = v
    elif isinstance(v, bytes):
        target.bytes_value = v
    elif isinstance(v, list):
        target.list_value.SetInParent()
        for item in v:
            set_pb_value(pb, target.list_value.values.add(), item)
    elif isinstance(v, dict):
        target.map_value.CopyFrom(to_pb_map(pb, v))
    else:
        raise TypeError(type(v))


def reverse_keys(v):
    if isinstance(v, dict):
        return {k: reverse_keys(v[k]) for k in reversed(list(v.keys()))}
    if isinstance(v, list):
        return [reverse_keys(x) for x in v]
    return v


def ruamel_plain(v):
    """ruamel returns its own scalar subclasses (ScalarFloat, CommentedMap); reduce to plain Python."""
    if isinstance(v, dict):
        return {ruamel_plain(k): ruamel_plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [ruamel_plain(x) for x in v]
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v)
    if isinstance(v, str):
        return str(v)
    return v


# Strings chosen to trip YAML writers and readers: indicators, reserved words of YAML 1.1 and 1.2, leading
# and trailing spaces, line breaks, non-ASCII, and keys longer than PyYAML's 128-character simple-key limit.
TRICKY = ["", " ", "a b", "yes", "No", "on", "OFF", "y", "null", "~", "true", "False", "1", "-1", "1.0", "017", "0x1F", "1_000",
          "1:20", "3e-4", ".inf", ".NaN", "- a", "? b", ": c", "a: b", "a #b", "#c", "&x", "*y", "!t", "!!str", "%p", "@q", "`r",
          "{", "}", "[", "]", ",", "'", '"', "|", ">", "\\", "a\nb", "\n", "tab\there", "trail ", " lead", "é", "日本",
          "\U0001F600", "\u2028", "\x85", "\ufeff", "---", "...", "=", "<<", "k" * 130, "long key " * 20]

YAML12_NUMBER = re.compile(r"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")


def yaml11_only_string(s):
    """A string YAML 1.1 (PyYAML) writes unquoted but YAML 1.2 reads as a number: 0o17, 1e3, 1.0e3.
    PyYAML and a YAML 1.2 reader disagree on such a plain scalar; xmm reads YAML 1.2 (README)."""
    return YAML12_NUMBER.match(s) is not None and isinstance(yaml.safe_load(s), str)


def random_value(rng, depth):
    choice = rng.random()
    if depth < 3 and choice < 0.2:
        return {random_key(rng): random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}
    if depth < 3 and choice < 0.3:
        return {rng.randint(-5, 500): random_value(rng, depth + 1) for _ in range(rng.randint(1, 3))}
    if depth < 3 and choice < 0.45:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    return rng.choice([
        lambda: None, lambda: rng.random() < 0.5, lambda: rng.randint(-2**63, 2**64 - 1), lambda: rng.randint(-300, 300),
        lambda: rng.choice([0.0, 1.0, 0.1, 3e-4, 1e20, 5e-324, -2.5, float("inf"), float("-inf"), 1.7976931348623157e308]),
        lambda: rng.uniform(-1e6, 1e6), lambda: rng.choice(STRINGS), lambda: rng.choice(STRINGS) + rng.choice(STRINGS),
        lambda: bytes(rng.randrange(256) for _ in range(rng.randint(0, 8))),
    ])()


def random_key(rng):
    return rng.choice(STRINGS) if rng.random() < 0.7 else "k%d" % rng.randint(0, 99)


STRINGS = [s for s in TRICKY if not yaml11_only_string(s)]


def check_pyyaml_styles(cmd, workdir):
    rng = random.Random(20261201)
    docs = [{random_key(rng): random_value(rng, 1) for _ in range(rng.randint(1, 6))} for _ in range(40)]
    docs.append({"k" * 200: {"k" * 150: [1, 2], "x": "y"}, "plain": {"a": 1}})
    files = []
    expected = {}
    n = 0
    for doc in docs:
        for flow in (None, False, True):
            for width in (20, 80, 10000):
                for unicode in (True, False):
                    text = yaml.safe_dump(doc, default_flow_style=flow, width=width, allow_unicode=unicode, sort_keys=(n % 2 == 0))
                    back = yaml.safe_load(text)  # what PyYAML itself reads back
                    target = os.path.join(workdir, "pyyaml-%04d.yaml" % n)
                    with open(target, "w", encoding="utf-8") as f:
                        f.write(text)
                    files.append(target)
                    expected[target] = reference_hash(back)
                    n += 1
    mismatches = []
    for start in range(0, len(files), 200):
        batch = files[start:start + 200]
        res = xmm(cmd, "hash", *batch)
        got = {}
        for line in res.stdout.decode().splitlines():
            digest, name = line.split("  ", 1)
            got[name] = digest
        for f in batch:
            if got.get(f) != expected[f]:
                mismatches.append(f)
        for line in res.stderr.decode().splitlines():
            mismatches.append(line)
    check("xmm reads %d PyYAML documents (every default_flow_style, width, allow_unicode) as PyYAML does" % len(files),
          not mismatches, "; ".join(mismatches[:5]))

    # Block scalars at the end of a file: the values PyYAML and ruamel.yaml (YAML 1.2) read.
    yaml12 = YAML(typ="safe", pure=True)
    for text in ["foo: |\n  x\n   ", "foo: |\n  x\n   \n", "foo: |+\n  x\n\n  ", "foo: >\n  x\n   ", "foo: |\n  x"]:
        target = os.path.join(workdir, "block-%d.yaml" % len(text))
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        py, ru = yaml.safe_load(text), ruamel_plain(yaml12.load(text))
        res = xmm(cmd, "hash", target)
        got = res.stdout.decode().split()[0] if res.returncode == 0 else res.stderr.decode().strip()
        check("block scalar %r: PyYAML and ruamel agree" % text, py == ru, "%r != %r" % (py, ru))
        check("block scalar %r reads as PyYAML reads it" % text, got == reference_hash(py), "%s != %s" % (got, reference_hash(py)))


def main():
    cmd = sys.argv[1]
    workdir = tempfile.mkdtemp(prefix="xmm-interop-")
    pb = load_pb2(workdir)
    yaml12 = YAML(typ="safe", pure=True)

    readers = {
        "json": lambda data: json.loads(data.decode("utf-8")),
        "yaml": lambda data: yaml.safe_load(data.decode("utf-8")),
        "yaml-1.2": lambda data: ruamel_plain(yaml12.load(data.decode("utf-8"))),
        "msgpack": lambda data: msgpack.unpackb(data, raw=False, strict_map_key=False),
        "protobuf": lambda data: from_pb_map(pb, pb.Map.FromString(data)),
    }

    for source, json_ok in CORPUS:
        path = os.path.join(ROOT, source)
        out = xmm(cmd, "hash", path)
        check(source + " hash", out.returncode == 0, out.stderr.decode())
        if out.returncode != 0:
            continue
        expected = out.stdout.decode().split()[0]
        stem = os.path.basename(source).rsplit(".", 1)[0]

        # 1. Python reads what xmm writes.
        value = None
        for fmt, ext in EXTENSIONS.items():
            target = os.path.join(workdir, stem + ext)
            conv = xmm(cmd, "convert", path, "--to", fmt, "-o", target)
            if fmt == "json" and not json_ok:
                check("%s -> json is refused" % source, conv.returncode == 1 and not os.path.exists(target), conv.stderr.decode())
                continue
            check("%s -> %s" % (source, fmt), conv.returncode == 0, conv.stderr.decode())
            with open(target, "rb") as f:
                data = f.read()
            names = ["yaml", "yaml-1.2"] if fmt == "yaml" else [fmt]
            for reader in names:
                try:
                    got = readers[reader](data)
                    actual = reference_hash(got)
                except Exception as e:  # a reader that fails is a failed check, not a crash
                    actual = "error: %r" % e
                check("%s: %s reads xmm's %s" % (source, reader, fmt), actual == expected, "%s != %s" % (actual, expected))
                if reader == "msgpack":
                    value = got

        # 2. xmm reads what Python writes (keys reversed: not canonical).
        if value is None:
            continue
        rev = reverse_keys(value)
        written = {
            "py-msgpack.msgpack": msgpack.packb(rev, use_bin_type=True),
            "py-pyyaml.yaml": yaml.safe_dump(rev, sort_keys=False, allow_unicode=True).encode("utf-8"),
            "py-protobuf.binpb": to_pb_map(pb, rev).SerializeToString(),
        }
        buffer = io.StringIO()
        yaml12.dump(rev, buffer)
        written["py-ruamel.yaml"] = buffer.getvalue().encode("utf-8")
        if json_ok:
            written["py-json.json"] = json.dumps(rev, ensure_ascii=False).encode("utf-8")
        for suffix, data in written.items():
            target = os.path.join(workdir, stem + "." + suffix)
            with open(target, "wb") as f:
                f.write(data)
            res = xmm(cmd, "hash", target)
            got = res.stdout.decode().split()[0] if res.returncode == 0 else res.stderr.decode().strip()
            check("%s: xmm reads %s" % (source, suffix), got == expected, "%s != %s" % (got, expected))

    # 3. Non-canonical MessagePack from Python: float32 values, integers in wider forms than needed,
    #    keys out of order. xmm must give the hash the reference gives for the same values.
    wide = b"\x84" + msgpack.packb("z") + b"\xd2\x00\x00\x00\x01"          # int32 form of 1
    wide += msgpack.packb("a") + b"\xcf" + (300).to_bytes(8, "big")            # uint64 form of 300
    wide += msgpack.packb("m") + b"\xd3" + (-5).to_bytes(8, "big", signed=True)  # int64 form of -5
    wide += msgpack.packb("f") + msgpack.Packer(use_single_float=True).pack(0.5)  # float32 0.5
    target = os.path.join(workdir, "py-noncanonical.msgpack")
    with open(target, "wb") as f:
        f.write(wide)
    expected = reference_hash({"z": 1, "a": 300, "m": -5, "f": 0.5})
    res = xmm(cmd, "hash", target)
    got = res.stdout.decode().split()[0] if res.returncode == 0 else res.stderr.decode().strip()
    check("xmm reads non-canonical MessagePack (float32, wide ints, unsorted)", got == expected, "%s != %s" % (got, expected))
    check("that input really is non-canonical", wide != canonical.encode(canonical.from_plain({"z": 1, "a": 300, "m": -5, "f": 0.5})))

    # 4. YAML that PyYAML writes, in all its styles, reads in xmm to exactly what PyYAML reads back.
    check_pyyaml_styles(cmd, workdir)

    print("interop: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
