#!/usr/bin/env python3
"""Independent implementation of the Xmmutablemap canonical encoding v1.

Written from ../canonical-encoding.md alone, with the Python standard library only.

    python3 canonical.py --check    # verify ../test-vectors.json (exit 1 on any mismatch)
    python3 canonical.py --generate # rewrite ../test-vectors.json from the inputs listed below
    python3 canonical.py --hash FILE...  # content hash of JSON files (and YAML ones, via PyYAML,
                                         # which is YAML 1.1: only for files that read alike in 1.1)
"""
import hashlib
import json
import math
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "test-vectors.json")


class Float:
    """A model float; kept apart from int even when integral."""
    def __init__(self, value):
        self.value = value


def encode(v):
    if v is None:
        return b"\xc0"
    if v is True:
        return b"\xc3"
    if v is False:
        return b"\xc2"
    if isinstance(v, int):
        return encode_int(v)
    if isinstance(v, Float):
        x = v.value
        if math.isnan(x):
            return b"\xcb\x7f\xf8\x00\x00\x00\x00\x00\x00"
        if x == 0.0:
            x = 0.0
        return b"\xcb" + struct.pack(">d", x)
    if isinstance(v, str):
        data = v.encode("utf-8")  # raises on a lone surrogate, as the spec requires
        return header(len(data), [(31, 0xa0, None), (0xff, 0xd9, ">B"), (0xffff, 0xda, ">H"), (0xffffffff, 0xdb, ">I")]) + data
    if isinstance(v, bytes):
        return header(len(v), [(0xff, 0xc4, ">B"), (0xffff, 0xc5, ">H"), (0xffffffff, 0xc6, ">I")]) + v
    if isinstance(v, list):
        return header(len(v), [(15, 0x90, None), (0xffff, 0xdc, ">H"), (0xffffffff, 0xdd, ">I")]) + b"".join(encode(x) for x in v)
    if isinstance(v, dict):
        keys = list(v.keys())
        if all(isinstance(k, str) for k in keys):
            keys.sort(key=lambda k: k.encode("utf-8"))
        elif all(isinstance(k, int) and not isinstance(k, bool) for k in keys):
            keys.sort()
        else:
            raise ValueError("map keys must be all strings or all integers")
        out = header(len(keys), [(15, 0x80, None), (0xffff, 0xde, ">H"), (0xffffffff, 0xdf, ">I")])
        return out + b"".join(encode(k) + encode(v[k]) for k in keys)
    raise TypeError("not a model value: %r" % type(v))


def header(n, forms):
    for limit, code, fmt in forms:
        if n <= limit:
            return bytes([code + n]) if fmt is None else bytes([code]) + struct.pack(fmt, n)
    raise ValueError("too long")


def encode_int(v):
    if v >= 0:
        if v <= 127:
            return bytes([v])
        for limit, code, fmt in [(0xff, 0xcc, ">B"), (0xffff, 0xcd, ">H"), (0xffffffff, 0xce, ">I"), (2**64 - 1, 0xcf, ">Q")]:
            if v <= limit:
                return bytes([code]) + struct.pack(fmt, v)
        raise ValueError("integer above 2^64-1")
    if v >= -32:
        return struct.pack(">b", v)
    for low, code, fmt in [(-128, 0xd0, ">b"), (-32768, 0xd1, ">h"), (-2**31, 0xd2, ">i"), (-2**63, 0xd3, ">q")]:
        if v >= low:
            return bytes([code]) + struct.pack(fmt, v)
    raise ValueError("integer below -2^63")


def from_typed(t):
    """Reads the typed JSON form of section 4."""
    if t is None or isinstance(t, bool):
        return t
    if "int" in t:
        return int(t["int"])
    if "float" in t:
        return Float(float(t["float"].replace("Infinity", "inf")))
    if "float_bits" in t:
        return Float(struct.unpack(">d", bytes.fromhex(t["float_bits"]))[0])
    if "str" in t:
        return t["str"] * t.get("repeat", 1)
    if "bytes" in t:
        return bytes.fromhex(t["bytes"]) * t.get("repeat", 1)
    if "list" in t:
        return [from_typed(x) for x in t["list"]]
    if "map" in t:
        result = {}
        for k, v in t["map"]:
            key = from_typed(k)
            if key in result:
                raise ValueError("duplicate key %r" % key)
            result[key] = from_typed(v)
        return result
    raise ValueError("unknown typed form %r" % t)


def content_hash(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def I(n): return {"int": str(n)}
def F(x): return {"float": x}
def S(s, repeat=None): return {"str": s} if repeat is None else {"str": s, "repeat": repeat}
def B(h, repeat=None): return {"bytes": h} if repeat is None else {"bytes": h, "repeat": repeat}
def L(*xs): return {"list": list(xs)}
def M(*pairs): return {"map": [list(p) for p in pairs]}
def V(value): return M((S("v"), value))


def inputs():
    yield "empty map", M()
    yield "null", V(None)
    yield "false", V(False)
    yield "true", V(True)
    for n in [0, 1, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1,
              -1, -32, -33, -128, -129, -32768, -32769, -2**31, -2**31 - 1, -2**63]:
        yield "integer %d" % n, V(I(n))
    for text in ["0.0", "1.0", "-0.0", "1.5", "-2.5", "0.001", "3e-4", "1e20", "5e-324", "1.7976931348623157e308",
                 "NaN", "Infinity", "-Infinity"]:
        yield "float %s" % text, V(F(text))
    yield "float NaN with another payload and the sign bit", V({"float_bits": "fff0000000000001"})
    yield "int 1 is not float 1.0", M((S("float"), F("1.0")), (S("int"), I(1)))
    for n in [0, 1, 31, 32, 255, 256, 65535, 65536]:
        yield "string of %d bytes" % n, V(S("x", n) if n else S(""))
    yield "string with multi-byte UTF-8", V(S("h\u00e9llo \u4e16\u754c \U0001F600"))
    yield "string with escapes and NUL", V(S("a\"b\\c\n\u0000"))
    for n in [0, 1, 255, 256, 65535, 65536]:
        yield "bytes of length %d" % n, V(B("ab", n) if n else B(""))
    yield "key order: code point, not UTF-16 (U+E000 before U+1F600)", M((S("\U0001F600"), I(2)), (S("\ue000"), I(1)))
    yield "key order: bytewise, prefix first", M((S("ab"), I(3)), (S("b"), I(4)), (S("a"), I(2)), (S(""), I(1)), (S("B"), I(0)))
    yield "key order: unsorted input", M((S("zeta"), I(1)), (S("alpha"), I(2)), (S("mid"), I(3)))
    yield "list of 15", V(L(*[I(i) for i in range(15)]))
    yield "list of 16", V(L(*[I(i) for i in range(16)]))
    yield "map of 15", M(*[(S("k%02d" % i), I(i)) for i in range(15)])
    yield "map of 16", M(*[(S("k%02d" % i), I(i)) for i in range(16)])
    yield "integer-keyed map sorts numerically", V(M((I(10), S("ten")), (I(-1), S("minus one")), (I(2), S("two")), (I(2**63 - 1), S("max")), (I(-2**63), S("min"))))
    yield "nested maps and lists", M(
        (S("model"), M((S("layers"), L(I(64), I(32))), (S("dropout"), F("0.1")))),
        (S("optimizer"), M((S("name"), S("adam")), (S("lr"), F("3e-4")), (S("betas"), L(F("0.9"), F("0.999"))))),
        (S("data"), M((S("shuffle"), True), (S("seed"), None))))
    yield "empty list and empty nested map", M((S("a"), L()), (S("b"), M()))
    yield "list of mixed kinds", V(L(None, True, I(-1), F("-0.0"), S("s"), B("00ff"), L(), M()))


def from_plain(v):
    """Converts values loaded by json/yaml (float vs int already apart) into the model."""
    if isinstance(v, float):
        return Float(v)
    if isinstance(v, list):
        return [from_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: from_plain(x) for k, x in v.items()}
    return v


def hash_files(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            if path.endswith(".json"):
                value = json.load(f)
            else:
                import yaml  # PyYAML
                value = yaml.safe_load(f)
        print("%s  %s" % (content_hash(encode(from_plain(value))), os.path.basename(path)))


def generate():
    vectors = []
    for name, typed in inputs():
        data = encode(from_typed(typed))
        vectors.append({"name": name, "input": typed, "canonical_hex": data.hex(), "hash": content_hash(data)})
    with open(VECTORS, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "vectors": vectors}, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print("wrote %d vectors" % len(vectors))


def check():
    with open(VECTORS, encoding="utf-8") as f:
        doc = json.load(f)
    failures = 0
    for vector in doc["vectors"]:
        data = encode(from_typed(vector["input"]))
        if data.hex() != vector["canonical_hex"] or content_hash(data) != vector["hash"]:
            failures += 1
            print("MISMATCH: " + vector["name"])
    print("%d vectors checked, %d mismatched" % (len(doc["vectors"]), failures))
    return failures == 0


if __name__ == "__main__":
    if "--generate" in sys.argv:
        generate()
    elif "--hash" in sys.argv:
        hash_files(sys.argv[sys.argv.index("--hash") + 1:])
    else:
        sys.exit(0 if check() else 1)
