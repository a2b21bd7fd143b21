#!/usr/bin/python3
"""PyTorch CPU peer for ./workbench bench vit (run by bench/.../ViTBench with Debian's python3-torch).

Builds a timm-style ViT (same names as timm's vit_*_patch16_224) from the safetensors file the bench
wrote, so that every implementation runs identical weights; then, per batch size:
  1. writes its logits for the bench's input (pixels_b{B}.npy) to logits_b{B}.npy (the bench checks
     ours against them before timing),
  2. times forward passes without and with keeping every layer's attention probabilities,
  3. exports the model once to ONNX (dynamic batch) for the ONNX Runtime peer.
Prints one JSON object per measurement on stdout.

Legend: B batch, C channels, T tokens, D width, H heads, Dh head width.
"""
import argparse
import json
import os
import statistics
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def read_safetensors(path):
    """name -> float32 tensor; the format is a u64 header length, a JSON header, raw little-endian data."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        if e["dtype"] != "F32":
            raise ValueError(f"{name}: dtype {e['dtype']} (the bench writes F32)")
        a, b = e["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[a:b], dtype="<f4").reshape(e["shape"]).copy())
    return out


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.keep = None  # a list to append probabilities to, or None

    def forward(self, x):
        b, t, d = x.shape
        qkv = self.qkv(x).reshape(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)                      # [B, H, T, Dh]
        attn = (q @ k.transpose(-2, -1)) * self.scale
        attn = attn.softmax(dim=-1)                  # [B, H, T, T]
        if self.keep is not None:
            self.keep.append(attn)
        x = (attn @ v).transpose(1, 2).reshape(b, t, d)
        return self.proj(x)


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class Block(nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, hidden)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class ViT(nn.Module):
    """timm's VisionTransformer (class token, learned positions, pre-norm blocks, final norm, head)."""

    def __init__(self, dim, depth, heads, hidden, classes, patch=16, img=224):
        super().__init__()
        g = img // patch
        self.patch_embed = nn.Module()
        self.patch_embed.proj = nn.Conv2d(3, dim, patch, patch)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1 + g * g, dim))
        self.blocks = nn.ModuleList([Block(dim, heads, hidden) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, classes)

    def forward(self, pixels):
        x = self.patch_embed.proj(pixels).flatten(2).transpose(1, 2)  # [B, G, D]
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        for blk in self.blocks:
            x = blk(x)
        return self.head(self.norm(x)[:, 0])


def timed(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times), min(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--dir", required=True, help="holds pixels_b{B}.npy; logits_b{B}.npy are written here")
    p.add_argument("--model", required=True)
    p.add_argument("--dim", type=int, required=True)
    p.add_argument("--depth", type=int, required=True)
    p.add_argument("--heads", type=int, required=True)
    p.add_argument("--mlp", type=int, required=True)
    p.add_argument("--batches", default="1")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--onnx", help="export the model here (skipped when the file exists)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    w = read_safetensors(a.weights)
    model = ViT(a.dim, a.depth, a.heads, a.mlp, w["head.weight"].shape[0]).eval()
    model.load_state_dict(w, strict=True)
    info = {"torch": torch.__version__, "threads": torch.get_num_threads(),
            "blas": os.environ.get("LD_LIBRARY_PATH", "(default)")}
    print(json.dumps({"info": info}), flush=True)

    with torch.no_grad():
        for b in [int(s) for s in a.batches.split(",")]:
            pixels = torch.from_numpy(np.load(os.path.join(a.dir, f"pixels_b{b}.npy")))
            np.save(os.path.join(a.dir, f"logits_b{b}.npy"), model(pixels).numpy())
            for maps in (False, True):
                def run():
                    keep = [] if maps else None
                    for blk in model.blocks:
                        blk.attn.keep = keep
                    model(pixels)
                    return keep
                med, best = timed(run, a.runs, a.warmup)
                print(json.dumps({"impl": "pytorch", "model": a.model, "batch": b, "maps": maps,
                                  "median_ms": med, "best_ms": best}), flush=True)
            for blk in model.blocks:
                blk.attn.keep = None
        if a.onnx and not os.path.exists(a.onnx):
            tmp = a.onnx + ".tmp"
            torch.onnx.export(model, torch.zeros(1, 3, 224, 224), tmp, input_names=["pixels"],
                              output_names=["logits"], dynamic_axes={"pixels": {0: "b"}, "logits": {0: "b"}},
                              opset_version=14, do_constant_folding=True)
            os.replace(tmp, a.onnx)


if __name__ == "__main__":
    main()
