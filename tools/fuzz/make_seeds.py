#!/usr/bin/env python3
"""Writes the seed corpora of the Jazzer fuzz tests (src/test/resources/.../<Test>Inputs/<method>/).

Each corpus holds small valid files and near-valid ones (truncated, lying sizes, hostile pickles), so
that in regression mode (`mvn verify`) every seed runs once, and in fuzzing mode (scripts/fuzz.sh)
the fuzzer starts from inputs that already reach deep into the loader. Needs numpy only; the images
are written with ImageMagick's `convert` when it is installed.

Usage: python3 tools/fuzz/make_seeds.py  (from the repository root)
"""
import io
import json
import os
import pickle
import shutil
import struct
import subprocess
import sys
import zipfile

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools", "checkpoint"))
import make_test_files as m  # noqa: E402  (the torch stand-ins and writers)

RES = os.path.join(ROOT, "compute", "src", "test", "resources")
CKPT = os.path.join(RES, "checkpoint")


def corpus(module, package, test, method):
    d = os.path.join(ROOT, module, "src", "test", "resources", *package.split("."), test + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    return d


def put(d, name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# ---- pickles and .pth -----------------------------------------------------------------------------
def pickled(obj):
    buf = io.BytesIO()
    m.TorchPickler(buf, protocol=2).dump(obj)
    return buf.getvalue()


def pth_bytes(pickle_bytes, storages, deflate=False):
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED

    def entry(z, name, data):  # fixed timestamps: the seeds are the same bytes on every run
        z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, compress_type=method)

    with zipfile.ZipFile(buf, "w") as z:
        entry(z, "archive/data.pkl", pickle_bytes)
        entry(z, "archive/byteorder", "little")
        for key, s in storages.items():
            entry(z, f"archive/data/{key}", s.array.astype(s.array.dtype.newbyteorder("<")).tobytes())
        entry(z, "archive/version", "3\n")
    return buf.getvalue()


def self_list():
    a = []
    a.append(a)
    return {"weights": a}, {}


def self_dict():
    d = {}
    d["me"] = d
    return d, {}


def shared_lists(depth):
    s = m.Storage("0", np.arange(2, dtype=np.float32))
    x = [m.contiguous(s, [2])]
    for _ in range(depth):
        x = [x, x]
    return {"deep": x}, {"0": s}


def stride0_views(n_views, elements):
    s = m.Storage("0", np.ones(1, dtype=np.float32))
    return {f"w{i}": m.Tensor(s, 0, [elements], [0]) for i in range(n_views)}


def shared_storage(n):
    s = m.Storage("0", np.zeros(4096, dtype=np.float32))
    return {f"t{i}": m.contiguous(s, [4096]) for i in range(n)}


def pickles_and_pth():
    pth = corpus("compute", "org.attentionworkbench.compute.checkpoint", "TorchCheckpointFuzzTest", "open")
    pkl = corpus("compute", "org.attentionworkbench.compute.checkpoint", "UnpicklerFuzzTest", "load")
    for name in ["dtypes.pth", "strided.pth", "nested.pth", "view_past_end.pth", "huge_dims.pth",
                 "hostile_os.pth", "missing_storage.pth", "no_pickle.pth"]:
        shutil.copy(os.path.join(CKPT, name), os.path.join(pth, name))
        with zipfile.ZipFile(os.path.join(CKPT, name)) as z:
            inner = [n for n in z.namelist() if n.endswith("data.pkl")]
            if inner:
                put(pkl, name.replace(".pth", ".pkl"), z.read(inner[0]))
    # the hostile-user probe's cases, each a regression seed
    cases = {
        "self_list": self_list(),
        "self_dict": self_dict(),
        "shared_lists_64": shared_lists(64),
        "shared_lists_40": shared_lists(40),
        "stride0_600M": (stride0_views(1, 600_000_000), None),
        "stride0_many": (stride0_views(40, 4_000_000), None),
    }
    for name, (obj, storages) in cases.items():
        p = pickled(obj)
        put(pkl, name + ".pkl", p)
        put(pth, name + ".pth", pth_bytes(p, storages if storages is not None else m.storages_of(obj, {})))
    obj = shared_storage(64)
    put(pth, "deflated_shared_storage.pth", pth_bytes(pickled(obj), m.storages_of(obj, {}), deflate=True))
    # small hand-written pickles: a set, a frozenset with a list, a list as a dict key
    put(pkl, "frozenset_of_list.pkl", b"\x80\x02(]\x91.")
    put(pkl, "list_key.pkl", b"\x80\x02}]Ns.")
    put(pkl, "set_items.pkl", b"\x80\x02\x8f(K\x01K\x02\x90.")
    put(pkl, "memo.pkl", b"\x80\x02]q\x00h\x00h\x00\x86.")


# ---- safetensors ----------------------------------------------------------------------------------
def safetensors_bytes(header, data=b""):
    text = json.dumps(header).encode() if not isinstance(header, bytes) else header
    return struct.pack("<Q", len(text)) + text + data


def safetensors():
    d = corpus("compute", "org.attentionworkbench.compute.checkpoint", "SafetensorsFuzzTest", "open")
    shutil.copy(os.path.join(CKPT, "dtypes.safetensors"), os.path.join(d, "dtypes.safetensors"))
    f = np.arange(6, dtype=np.float32).tobytes()
    ok = {"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}}
    put(d, "ok.safetensors", safetensors_bytes(ok, f))
    put(d, "metadata.safetensors", safetensors_bytes({"__metadata__": {"format": "pt"}, **ok}, f))
    put(d, "truncated.safetensors", safetensors_bytes(ok, f[:10]))
    put(d, "past_end.safetensors", safetensors_bytes({"w": {"dtype": "F32", "shape": [2, 3],
                                                          "data_offsets": [8, 32]}}, f))
    put(d, "fraction.safetensors", safetensors_bytes({"w": {"dtype": "F32", "shape": [2.5, 3],
                                                          "data_offsets": [0, 24]}}, f))
    put(d, "huge_dim.safetensors", safetensors_bytes({"w": {"dtype": "F32", "shape": [1e30, 3],
                                                          "data_offsets": [0, 24]}}, f))
    put(d, "negative.safetensors", safetensors_bytes({"w": {"dtype": "I64", "shape": [-1],
                                                          "data_offsets": [0, 24]}}, f))
    put(d, "deep.safetensors", safetensors_bytes(b"{\"w\":" + b"[" * 300 + b"]" * 300 + b"}"))
    put(d, "lying_length.safetensors", struct.pack("<Q", 1 << 40) + b"{}")
    # ViT layouts, so that the fuzzer reaches the ViT loader: a loadable timm ViT (width 64, one block, F16)
    # and small ones with each layout's key names but shapes that do not fit
    put(d, "vit_timm_f16.safetensors", vit_safetensors(timm_keys(64, 8, dinov2=False), "F16"))
    put(d, "vit_dinov2_small.safetensors", vit_safetensors(timm_keys(4, 2, dinov2=True), "F32"))
    bad_qkv = timm_keys(4, 2, dinov2=False)
    bad_qkv["blocks.0.attn.qkv.weight"] = [13, 4]  # 3D+1 rows: must not be sliced into q, k, v
    put(d, "vit_timm_bad_qkv.safetensors", vit_safetensors(bad_qkv, "F32"))
    bad_gamma = timm_keys(4, 2, dinov2=True)
    bad_gamma["blocks.0.ls1.gamma"] = [3]  # layer scale that does not fit the projection
    put(d, "vit_dinov2_bad_gamma.safetensors", vit_safetensors(bad_gamma, "F32"))
    put(d, "vit_pytorch_small.safetensors", vit_safetensors({
        "patch_to_embedding.weight": [4, 12], "cls_token": [1, 1, 4], "pos_embedding": [1, 5, 4],
        "transformer.layers.0.0.fn.norm.weight": [4], "transformer.layers.0.0.fn.fn.to_qkv.weight": [12, 4],
        "transformer.layers.0.0.fn.fn.to_out.0.weight": [4, 4], "transformer.layers.0.1.fn.norm.weight": [4],
        "transformer.layers.0.1.fn.fn.net.0.weight": [2, 4], "transformer.layers.0.1.fn.fn.net.3.weight": [4, 2],
        "mlp_head.0.weight": [3, 4], "mlp_head.2.weight": [2, 3]}, "F32"))


def timm_keys(dim, mlp, dinov2):
    keys = {"patch_embed.proj.weight": [dim, 3, 2, 2], "patch_embed.proj.bias": [dim], "cls_token": [1, 1, dim],
            "pos_embed": [1, 5, dim], "norm.weight": [dim], "norm.bias": [dim]}
    b = "blocks.0."
    keys.update({b + "norm1.weight": [dim], b + "norm1.bias": [dim], b + "attn.qkv.weight": [3 * dim, dim],
                 b + "attn.qkv.bias": [3 * dim], b + "attn.proj.weight": [dim, dim], b + "attn.proj.bias": [dim],
                 b + "norm2.weight": [dim], b + "norm2.bias": [dim], b + "mlp.fc1.weight": [mlp, dim],
                 b + "mlp.fc1.bias": [mlp], b + "mlp.fc2.weight": [dim, mlp], b + "mlp.fc2.bias": [dim]})
    if dinov2:
        keys.update({"register_tokens": [1, 2, dim], "mask_token": [1, dim], b + "ls1.gamma": [dim],
                     b + "ls2.gamma": [dim]})
    else:
        keys.update({"head.weight": [2, dim], "head.bias": [2]})
    return keys


def vit_safetensors(shapes, dtype):
    size = {"F16": 2, "F32": 4}[dtype]
    header, offset = {}, 0
    for name, shape in shapes.items():
        n = int(np.prod(shape)) * size
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + n]}
        offset += n
    rng = np.random.default_rng(0)
    data = rng.standard_normal(offset // size).astype("<f2" if size == 2 else "<f4").tobytes()
    return safetensors_bytes(header, data)


# ---- ONNX -----------------------------------------------------------------------------------------
def varint(n):
    out = b""
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(num, wire, payload):
    tag = varint(num << 3 | wire)
    if wire == 0:
        return tag + varint(payload)
    if wire == 2:
        return tag + varint(len(payload)) + payload
    return tag + payload


def onnx_model(tensors, nodes=b""):
    graph = field(2, 2, b"g") + nodes + b"".join(field(5, 2, t) for t in tensors)
    graph += field(11, 2, field(1, 2, b"input")) + field(12, 2, field(1, 2, b"output"))
    return field(1, 0, 8) + field(2, 2, b"fuzz") + field(7, 2, graph) + field(8, 2, field(1, 2, b"") + field(2, 0, 17))


def onnx():
    d = corpus("compute", "org.attentionworkbench.compute.checkpoint", "OnnxFuzzTest", "open")
    raw = field(1, 0, 2) + field(1, 0, 3) + field(2, 0, 1) + field(8, 2, b"w") + \
        field(9, 2, np.arange(6, dtype=np.float32).tobytes())
    floats = field(1, 0, 3) + field(2, 0, 1) + field(8, 2, b"b") + \
        field(4, 2, np.ones(3, dtype="<f4").tobytes())
    ints = field(1, 0, 2) + field(2, 0, 7) + field(8, 2, b"shape") + field(7, 2, varint(1) + varint(6))
    attr = field(1, 2, b"alpha") + field(20, 0, 1) + field(2, 5, struct.pack("<f", 0.5))
    tensor_attr = field(1, 2, b"value") + field(20, 0, 4) + field(5, 2, floats)
    node = field(1, 2, field(1, 2, b"input") + field(1, 2, b"w") + field(2, 2, b"output") + field(3, 2, b"n0")
                 + field(4, 2, b"MatMul") + field(5, 2, attr) + field(5, 2, tensor_attr))
    put(d, "small.onnx", onnx_model([raw, floats, ints], node))
    put(d, "raw_too_short.onnx", onnx_model([raw[:-8]]))
    put(d, "count_mismatch.onnx", onnx_model([field(1, 0, 1000) + field(2, 0, 1) + field(8, 2, b"x")
                                              + field(4, 2, np.ones(3, dtype="<f4").tobytes())]))
    put(d, "external.onnx", onnx_model([field(1, 0, 1) + field(2, 0, 1) + field(8, 2, b"e") + field(14, 0, 1)]))
    put(d, "no_graph.onnx", field(1, 0, 8) + field(2, 2, b"x"))


# ---- NPY ------------------------------------------------------------------------------------------
def npy():
    d = corpus("compute", "org.attentionworkbench.compute.io", "NpyFuzzTest", "read")
    for name, a in {"f4_2x3": np.arange(6, dtype="<f4").reshape(2, 3), "f8": np.array([1.5, -2.0]),
                    "i8": np.array([7, -1, 5], dtype="<i8"), "i4": np.array([[1, 2]], dtype="<i4"),
                    "u1": np.arange(4, dtype=np.uint8), "scalar": np.array(3.0, dtype="<f4"),
                    "empty": np.zeros((0, 3), dtype="<f4")}.items():
        buf = io.BytesIO()
        np.save(buf, a)
        put(d, name + ".npy", buf.getvalue())
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ones(3, dtype="<f4"), version=(2, 0))
    put(d, "v2.npy", buf.getvalue())
    good = open(os.path.join(d, "f4_2x3.npy"), "rb").read()
    put(d, "truncated.npy", good[:-5])
    put(d, "lying_shape.npy", good.replace(b"(2, 3)", b"(9999999, 9999999)"[:6]).replace(b"(2, 3)", b"(99, 9)"))
    fortran = io.BytesIO()
    np.save(fortran, np.asfortranarray(np.ones((2, 2), dtype="<f4")))
    put(d, "fortran.npy", fortran.getvalue())


# ---- JSON: config.json, model cards, hints, settings ----------------------------------------------
def json_files():
    d = corpus("compute", "org.attentionworkbench.compute.checkpoint", "HfConfigFuzzTest", "parse")
    vit = {"architectures": ["ViTForImageClassification"], "model_type": "vit", "hidden_size": 768,
           "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072, "hidden_act": "gelu",
           "layer_norm_eps": 1e-12, "image_size": 224, "patch_size": 16, "num_channels": 3, "qkv_bias": True,
           "id2label": {"0": "cat", "1": "dog"}}
    put(d, "vit.json", json.dumps(vit, indent=2))
    put(d, "negative_heads.json", json.dumps({**vit, "num_attention_heads": -8}))
    put(d, "negative_eps.json", json.dumps({**vit, "layer_norm_eps": -1}))
    put(d, "not_divisible.json", json.dumps({**vit, "num_attention_heads": 7}))
    put(d, "relu.json", json.dumps({**vit, "hidden_act": "relu"}))
    put(d, "strings.json", json.dumps({**vit, "hidden_size": "768", "image_size": [224, 224]}))
    put(d, "deep.json", "{\"a\":" + "[" * 100 + "]" * 100 + "}")
    put(d, "nan.json", "{\"layer_norm_eps\": NaN, \"patch_size\": 1e400}")

    d = corpus("compute", "org.attentionworkbench.compute.models", "ModelCardFuzzTest", "read")
    shutil.copy(os.path.join(ROOT, "samples", "models", "vit4mnist.json"), os.path.join(d, "vit4mnist.json"))
    card = json.load(open(os.path.join(ROOT, "samples", "models", "vit4mnist.json")))
    put(d, "resize_100000.json", json.dumps({**card, "preprocess": {**card["preprocess"], "resize": 100000}}))
    put(d, "negative_heads.json", json.dumps({**card, "heads": -8}))
    put(d, "minimal.json", json.dumps({"checkpoint": "model.safetensors"}))
    put(d, "timm.json", json.dumps({"name": "deit", "layout": "timm", "checkpoint": "m.pth", "eps": 1e-6,
                                    "preprocess": {"resize": 256, "crop": 224, "channels": 3}, "trained": True}))
    put(d, "bad_std.json", json.dumps({**card, "preprocess": {**card["preprocess"], "std": [0]}}))

    d = corpus("compute", "org.attentionworkbench.compute.colorize", "HintFilesFuzzTest", "load")
    hints = {"format": "attention-workbench/colorize-hints", "version": 1, "width": 64, "height": 48,
             "hints": [{"id": 1, "x": 10, "y": 20, "a": 12.5, "b": -3.0, "size": 2},
                       {"id": 2, "x": 63, "y": 0, "a": -40, "b": 60, "size": 1}]}
    put(d, "hints.json", json.dumps(hints, indent=1))
    put(d, "outside.json", json.dumps({**hints, "hints": [{"id": 1, "x": 100, "y": 20, "a": 0, "b": 0,
                                                           "size": 2}]}))
    put(d, "wrong_format.json", json.dumps({**hints, "format": "x"}))

    d = corpus("app", "org.attentionworkbench.app.settings", "SettingsStoreFuzzTest", "load")
    settings = {"device": "auto", "theme": "PRIMER_LIGHT", "recentFiles": ["/tmp/a.png", "/tmp/b.jpg"],
                "windowWidth": 1280.0, "windowHeight": 820.0}
    put(d, "settings.json", json.dumps(settings, indent=2))
    put(d, "huge_window.json", json.dumps({**settings, "windowWidth": 1e9}))
    put(d, "wrong_types.json", json.dumps({**settings, "recentFiles": 3}))


# ---- images ---------------------------------------------------------------------------------------
def images():
    d = corpus("compute", "org.attentionworkbench.compute.image", "ImageFilesFuzzTest", "read")
    if shutil.which("convert") is None:
        print("convert (ImageMagick) not found: image seeds not written", file=sys.stderr)
        return
    src = "gradient:red-blue"
    for name, args in {"rgb.png": ["-size", "8x6", src], "grey16.png": ["-size", "8x6", src, "-colorspace", "Gray",
                                                                         "-depth", "16"],
                       "rgb.jpg": ["-size", "8x6", src, "-quality", "80"],
                       "cmyk.jpg": ["-size", "8x6", src, "-colorspace", "CMYK"],
                       "small.gif": ["-size", "8x6", src], "small.bmp": ["-size", "8x6", src, "-type", "TrueColor"],
                       "rotated.jpg": ["-size", "8x6", src, "-orient", "RightTop"]}.items():
        subprocess.run(["convert", *args, "-define", "png:exclude-chunks=date,time", "+set", "date:create",
                        "+set", "date:modify", "-strip" if name != "rotated.jpg" else "+repage",
                        os.path.join(d, name)], check=True)
    data = open(os.path.join(d, "rgb.jpg"), "rb").read()
    put(d, "truncated.jpg", data[: len(data) // 2])
    png = bytearray(open(os.path.join(d, "rgb.png"), "rb").read())
    png[16:24] = struct.pack(">II", 14000, 14000)  # IHDR claims 14000x14000 (CRC now wrong)
    put(d, "lying_size.png", bytes(png))


if __name__ == "__main__":
    pickles_and_pth()
    safetensors()
    onnx()
    npy()
    json_files()
    images()
