#!/usr/bin/env python3
"""Writes the small checkpoint test files of compute/src/test/resources/checkpoint.

Needs only numpy: .pth files are built the way torch.save builds them (a zip holding archive/data.pkl,
archive/byteorder, archive/version and archive/data/<key>), pickled with stand-in torch globals, so the
files are byte-for-byte the shape of real ones without torch installed. The hostile files are zips with
pickles that would call os.system if Python's own pickle.load read them: never load them in Python.

Usage: python3 tools/checkpoint/make_test_files.py  (from the repository root)
"""
import argparse
import collections
import io
import json
import os
import pickle
import struct
import sys
import types
import zipfile

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "compute", "src", "test", "resources", "checkpoint")

# ---- stand-ins for the torch globals a state_dict pickle names ------------------------------------
torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")
torch._utils = torch_utils
sys.modules["torch"] = torch
sys.modules["torch._utils"] = torch_utils


def _global(module, name, obj):
    obj.__module__ = module.__name__
    obj.__qualname__ = name
    obj.__name__ = name
    setattr(module, name, obj)
    return obj


STORAGE = {}
for cls_name, dtype in [("FloatStorage", np.float32), ("HalfStorage", np.float16), ("LongStorage", np.int64)]:
    STORAGE[np.dtype(dtype)] = _global(torch, cls_name, type(cls_name, (), {}))
_rebuild_tensor_v2 = _global(torch_utils, "_rebuild_tensor_v2", lambda *a: None)
_rebuild_parameter = _global(torch_utils, "_rebuild_parameter", lambda *a: None)


class Storage:
    """One archive/data/<key> entry: the raw little-endian bytes of a 1-D array."""

    def __init__(self, key, array):
        self.key, self.array = key, np.ascontiguousarray(array).reshape(-1)


class Tensor:
    """A view (offset, size, stride in elements) over a Storage, pickled as torch pickles tensors."""

    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2,
                (self.storage, self.offset, self.size, self.stride, False, collections.OrderedDict()))


class Parameter:
    def __init__(self, tensor):
        self.tensor = tensor

    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (self.tensor, True, collections.OrderedDict()))


def contiguous(storage, shape):
    strides, s = [], 1
    for d in reversed(shape):
        strides.insert(0, s)
        s *= d
    return Tensor(storage, 0, shape, strides)


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            bf16 = getattr(obj, "bf16", False)
            cls = STORAGE[obj.array.dtype] if not bf16 else BFLOAT16
            return ("storage", cls, obj.key, "cpu", obj.array.size)
        return None


BFLOAT16 = _global(torch, "BFloat16Storage", type("BFloat16Storage", (), {}))


def storages_of(value, found):
    if isinstance(value, dict):
        for v in value.values():
            storages_of(v, found)
    elif isinstance(value, (list, tuple)):
        for v in value:
            storages_of(v, found)
    elif isinstance(value, Parameter):
        storages_of(value.tensor, found)
    elif isinstance(value, Tensor):
        found[value.storage.key] = value.storage
    return found


def write_zip(path, pickle_bytes, storages, root="archive", with_pickle=True):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        if with_pickle:
            z.writestr(f"{root}/data.pkl", pickle_bytes)
        z.writestr(f"{root}/byteorder", "little")
        for key, s in storages.items():
            raw = s.array.view(np.uint16).astype("<u2").tobytes() if getattr(s, "bf16", False) else \
                s.array.astype(s.array.dtype.newbyteorder("<")).tobytes()
            z.writestr(f"{root}/data/{key}", raw)
        z.writestr(f"{root}/version", "3\n")


def torch_save(path, obj, root="archive"):
    buf = io.BytesIO()
    TorchPickler(buf, protocol=2).dump(obj)
    write_zip(path, buf.getvalue(), storages_of(obj, {}), root)


def bf16_bits(values):
    """float32 -> bfloat16 bit patterns, round to nearest even (values here are exact anyway)."""
    bits = np.asarray(values, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


# ---- safetensors -------------------------------------------------------------------------------------
def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    os.makedirs(OUT, exist_ok=True)
    base = np.arange(6, dtype=np.float32) * 0.5 - 1.0  # -1.0 .. 1.5, exact in every dtype

    # 1. safetensors in each dtype (values: -1.0, -0.5, 0.0, 0.5, 1.0, 1.5)
    write_safetensors(os.path.join(OUT, "dtypes.safetensors"), {
        "f32": ("F32", (2, 3), base.astype("<f4").tobytes()),
        "f16": ("F16", (3, 2), base.astype("<f2").tobytes()),
        "bf16": ("BF16", (6,), bf16_bits(base).astype("<u2").tobytes()),
        "f64": ("F64", (1, 6), base.astype("<f8").tobytes()),
        "i64": ("I64", (3,), np.array([1, -2, 3], dtype="<i8").tobytes()),
        "scalar": ("F32", (), np.array([42.0], dtype="<f4").tobytes()),
    }, metadata={"format": "pt"})

    # 2. a state_dict with F16, BF16 and a Parameter
    half = Storage("0", base.astype(np.float16))
    b16 = Storage("1", bf16_bits(base))
    b16.bf16 = True
    f32 = Storage("2", base)
    torch_save(os.path.join(OUT, "dtypes.pth"), collections.OrderedDict([
        ("half.weight", contiguous(half, (2, 3))),
        ("bf16.weight", contiguous(b16, (3, 2))),
        ("param", Parameter(contiguous(f32, (6,)))),
    ]))

    # 3. views: a transpose, an offset slice, and two tensors sharing one storage
    s = Storage("0", np.arange(12, dtype=np.float32))  # 0..11, viewed as a (3, 4) matrix
    torch_save(os.path.join(OUT, "strided.pth"), collections.OrderedDict([
        ("matrix", Tensor(s, 0, (3, 4), (4, 1))),
        ("transposed", Tensor(s, 0, (4, 3), (1, 4))),     # matrix.T
        ("column", Tensor(s, 2, (3,), (4,))),             # matrix[:, 2]
        ("block", Tensor(s, 5, (2, 2), (4, 1))),          # matrix[1:3, 1:3]
        ("expanded", Tensor(s, 1, (2, 3), (0, 1))),       # stride 0: broadcast rows
        ("ids", contiguous(Storage("1", np.array([7, -1, 5], dtype=np.int64)), (3,))),
    ]))

    # 4. a training snapshot: nested dicts, non-tensor values, an argparse.Namespace
    w = Storage("0", base)
    v = Storage("1", base[::-1].copy())
    torch_save(os.path.join(OUT, "nested.pth"), {
        "epoch": 7,
        "best_loss": 0.125,
        "args": argparse.Namespace(lr=0.001, arch="vit_small"),
        "teacher": collections.OrderedDict([("backbone.w", contiguous(w, (2, 3))), ("head.v", contiguous(v, (6,)))]),
        "student": {"backbone": {"w": contiguous(w, (3, 2))}},
        "layers": [contiguous(v, (6,))],
    }, root="nested_snapshot")

    # 5. hostile pickles: os.system in a state_dict-shaped zip. pickle writes os.system as posix.system;
    #    the second file names os.system directly, as a hand-written attack would.
    class Pwn:
        def __reduce__(self):
            return (os.system, ("echo pwned > /tmp/attention-workbench-pwned",))

    hostile = pickle.dumps(collections.OrderedDict([("weight", Pwn())]), protocol=2)
    write_zip(os.path.join(OUT, "hostile_posix.pth"), hostile, {})
    handmade = (b"\x80\x02" + b"cos\nsystem\n" + b"X\x2b\x00\x00\x00echo pwned > /tmp/attention-workbench-pwned"
                + b"\x85R.")
    write_zip(os.path.join(OUT, "hostile_os.pth"), handmade, {})

    # 6. broken archives: no data.pkl; a storage key with no data entry; a legacy (pre-1.6) file
    write_zip(os.path.join(OUT, "no_pickle.pth"), b"", {"0": Storage("0", base)}, with_pickle=False)
    orphan = io.BytesIO()
    TorchPickler(orphan, protocol=2).dump({"w": contiguous(Storage("9", base), (6,))})
    write_zip(os.path.join(OUT, "missing_storage.pth"), orphan.getvalue(), {})
    torch_save(os.path.join(OUT, "view_past_end.pth"),
               {"w": Tensor(Storage("0", base), 4, (2, 3), (3, 1))})  # reaches element 9 of 6
    torch_save(os.path.join(OUT, "huge_dims.pth"),
               {"w": Tensor(Storage("0", base), 0, (1 << 40, 1 << 40), (1 << 40, 1))})  # 2^80 elements
    with open(os.path.join(OUT, "legacy.pt"), "wb") as f:
        f.write(pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2) + pickle.dumps(1001, protocol=2))


if __name__ == "__main__":
    main()
