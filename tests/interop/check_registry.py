#!/usr/bin/env python3
"""A client in another language against the config registry (examples/ConfigRegistry, DESIGN section 13).

Python's standard urllib plus Debian's msgpack, PyYAML, ruamel.yaml and protobuf packages: each config is posted
in each of the four formats as Python's libraries write them, fetched back in each format, decoded by Python's
libraries, and its hash recomputed by the independent reference implementation (schemas/reference/canonical.py)
and compared with the registry's answer, ETag and Location; a matching If-None-Match must get 304.

Usage: check_registry.py BASE_URL        (e.g. http://127.0.0.1:5080). Ends with "registry: N passed, N failed".
"""
import io
import json
import math
import os
import random
import sys
import tempfile
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_interop as ci  # noqa: E402  the reference hash, the protobuf mapping, the random configs

import msgpack  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402

MEDIA = {"json": "application/json", "yaml": "application/yaml", "msgpack": "application/msgpack", "protobuf": "application/x-protobuf"}
passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s: %s" % (name, detail))


def request(base, method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def json_ok(v):
    """Whether JSON can carry the value: no bytes, no NaN or infinities, no integer map keys."""
    if isinstance(v, dict):
        return all(isinstance(k, str) for k in v) and all(json_ok(x) for x in v.values())
    if isinstance(v, list):
        return all(json_ok(x) for x in v)
    if isinstance(v, float):
        return math.isfinite(v)
    return not isinstance(v, bytes)


def dump_yaml12(yaml12, value):
    buffer = io.StringIO()
    yaml12.dump(value, buffer)
    return buffer.getvalue().encode("utf-8")


def main():
    base = sys.argv[1].rstrip("/")
    pb = ci.load_pb2(tempfile.mkdtemp(prefix="xmm-registry-"))
    yaml12 = YAML(typ="safe", pure=True)
    writers = {
        "json": lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8"),
        # ruamel.yaml writes YAML 1.2, which the registry reads; PyYAML's 1.1 differs on NEL (U+0085) and more.
        "yaml": lambda v: dump_yaml12(yaml12, v),
        "msgpack": lambda v: msgpack.packb(v, use_bin_type=True),
        "protobuf": lambda v: ci.to_pb_map(pb, v).SerializeToString(),
    }
    readers = {
        "json": lambda data: json.loads(data.decode("utf-8")),
        "yaml": lambda data: ci.ruamel_plain(yaml12.load(data.decode("utf-8"))),  # the registry writes YAML 1.2
        "msgpack": lambda data: msgpack.unpackb(data, raw=False, strict_map_key=False),
        "protobuf": lambda data: ci.from_pb_map(pb, pb.Map.FromString(data)),
    }

    with open(os.path.join(ci.ROOT, "examples", "train.json"), "rb") as f:
        configs = [("examples/train.json", json.load(f))]
    rng = random.Random(20261201)
    for i in range(12):
        configs.append(("random config %d" % i, {ci.random_key(rng): ci.random_value(rng, 1) for _ in range(rng.randint(1, 6))}))

    stored = set()
    for name, value in configs:
        expected = ci.reference_hash(value)
        etag = '"%s"' % expected
        carried_by_json = json_ok(value)
        for fmt, write in writers.items():
            if fmt == "json" and not carried_by_json:
                continue
            data = write(ci.reverse_keys(value))
            # ruamel.yaml does not always read back what it wrote (a key "? b" in a flow mapping, a lone NEL);
            # the registry must then agree with what the library itself reads from those bytes.
            sent = ci.reference_hash(readers[fmt](data)) if fmt == "yaml" else expected
            status, headers, body = request(base, "POST", "/configs", data, {"Content-Type": MEDIA[fmt]})
            want = 200 if sent in stored else 201
            stored.add(sent)
            try:
                answered = json.loads(body)["hash"]
            except Exception as e:  # a malformed answer is a failed check, not a crash
                answered = "error: %r (%r)" % (e, body[:200])
            check("%s: POST %s" % (name, fmt), status == want and answered == sent and headers.get("ETag") == '"%s"' % sent
                  and headers.get("Location") == "/configs/" + sent,
                  "status %s (want %s), hash %s, ETag %s, Location %s; reference %s" % (status, want, answered, headers.get("ETag"), headers.get("Location"), sent))

        for fmt, read in readers.items():
            status, headers, body = request(base, "GET", "/configs/" + expected, headers={"Accept": MEDIA[fmt]})
            if fmt == "json" and not carried_by_json:
                check("%s: GET as json is 406 (JSON cannot carry it)" % name, status == 406, "status %s" % status)
                continue
            try:
                got = ci.reference_hash(read(body)) if status == 200 else "status %s: %r" % (status, body[:300])
            except Exception as e:
                got = "error: %r" % e
            check("%s: GET as %s re-hashes in Python to the ETag" % (name, fmt),
                  got == expected and headers.get("ETag") == etag and headers.get("Content-Type") == MEDIA[fmt],
                  "%s, ETag %s, Content-Type %s; reference %s" % (got, headers.get("ETag"), headers.get("Content-Type"), expected))

        status, headers, body = request(base, "GET", "/configs/" + expected, headers={"If-None-Match": etag})
        check("%s: If-None-Match gets 304" % name, status == 304 and body == b"" and headers.get("ETag") == etag, "status %s" % status)

    # The value at a path, as JSON, percent-decoded.
    status, _, body = request(base, "GET", "/configs/%s/optimizer.lr" % ci.reference_hash(configs[0][1]))
    check("GET a path gives its value as JSON", status == 200 and json.loads(body) == configs[0][1]["optimizer"]["lr"], "status %s body %r" % (status, body))

    # Refusals a client in another language sees.
    status, headers, body = request(base, "POST", "/configs", b'{"a": 1, "a": 2}', {"Content-Type": "application/json"})
    check("a duplicate key gets 400 problem+json naming it", status == 400 and headers.get("Content-Type", "").startswith("application/problem+json")
          and b'the key \\"a\\" appears more than once' in body, "status %s body %r" % (status, body[:300]))
    status, _, _ = request(base, "POST", "/configs", b"a=1", {"Content-Type": "text/plain"})
    check("an unknown content type gets 415", status == 415, "status %s" % status)
    status, _, _ = request(base, "GET", "/configs/sha256:" + "0" * 64)
    check("an unknown hash gets 404", status == 404, "status %s" % status)
    status, _, _ = request(base, "GET", "/configs/not-a-hash")
    check("a malformed hash gets 400", status == 400, "status %s" % status)

    print("registry: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
