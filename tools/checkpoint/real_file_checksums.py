#!/usr/bin/env python3
"""Checksums of the real checkpoints in ../shared/models, computed without torch and without the Java
readers, for the Java tests to compare against: per tensor the shape, the float64 sum and sum of squares,
and the first and last values. The .pth pickle is read with a restricted pickle.Unpickler whose
find_class returns inert stand-ins (nothing from the file is ever called); views are materialised with
numpy's as_strided.

Usage: python3 tools/checkpoint/real_file_checksums.py  (from the repository root)
"""
import collections
import json
import os
import pickle
import struct
import zipfile

import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SHARED = os.path.join(ROOT, "..", "shared", "models")
OUT = os.path.join(ROOT, "compute", "src", "test", "resources", "checkpoint")

DTYPES = {"FloatStorage": "<f4", "HalfStorage": "<f2", "LongStorage": "<i8"}


def summary(a):
    a = np.asarray(a)
    flat = a.reshape(-1).astype(np.float64)
    return {"shape": list(a.shape), "sum": float(flat.sum()), "sumsq": float((flat * flat).sum()),
            "first": [float(x) for x in flat[:4]], "last": float(flat[-1]) if flat.size else None}


class View:
    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, size, stride


class Restricted(pickle.Unpickler):
    def __init__(self, f, archive, root):
        super().__init__(f)
        self.archive, self.root = archive, root

    def find_class(self, module, name):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return lambda storage, offset, size, stride, *rest: View(storage, offset, size, stride)
        if module == "torch" and name in DTYPES:
            return name
        raise pickle.UnpicklingError(f"refusing {module}.{name}")

    def persistent_load(self, pid):
        _, cls, key, _, numel = pid
        raw = self.archive.read(f"{self.root}data/{key}")
        return np.frombuffer(raw, dtype=DTYPES[cls])


def pth(path):
    z = zipfile.ZipFile(path)
    pkl = next(n for n in z.namelist() if n.endswith("/data.pkl"))
    root = pkl[: -len("data.pkl")]
    state = Restricted(z.open(pkl), z, root).load()
    out = collections.OrderedDict()
    for name, v in state.items():
        item = v.storage.itemsize
        arr = np.lib.stride_tricks.as_strided(v.storage[v.offset:], shape=v.size,
                                              strides=[s * item for s in v.stride])
        out[name] = summary(arr)
    return out


def safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = collections.OrderedDict()
    for name, h in header.items():
        if name == "__metadata__":
            continue
        b, e = h["data_offsets"]
        dtype = {"F32": "<f4", "F16": "<f2", "I64": "<i8"}[h["dtype"]]
        out[name] = summary(np.frombuffer(data[b:e], dtype=dtype).reshape(h["shape"]))
    return out


def main():
    for name, fn in [("vit4mnist.pth", pth), ("mobilenet_v2_imagenet.safetensors", safetensors)]:
        result = fn(os.path.join(SHARED, name))
        with open(os.path.join(OUT, name + ".checksums.json"), "w") as f:
            json.dump(result, f, separators=(",", ":"))
            f.write("\n")
        params = sum(int(np.prod(v["shape"])) for v in result.values())
        print(f"{name}: {len(result)} tensors, {params} elements")


if __name__ == "__main__":
    main()
