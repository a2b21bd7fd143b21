#!/usr/bin/python3
"""PyTorch CPU peer for ./workbench bench depth (run by bench/.../DepthBench with Debian's python3-torch).

The model is the HF transformers re-implementation of Depth Anything V2 in
tools/depth/make_depth_anything_goldens.py (the one our goldens check the Java port against), set to
V2-Small's shape: DINOv2 ViT-S/14 (384 wide, 12 blocks, 6 heads, MLP 1536, 518² positions), stages
after blocks 3/6/9/12, neck 48/96/192/384, fusion 64, head 32 (the published config.json).

  --make DIR   writes seeded random weights (model.safetensors, config.json, preprocessor_config.json,
               the HF layout our loader reads) and a seeded input input.npy [3, 518, 518] into DIR
  --time DIR   loads DIR's weights, writes its depth for input.npy to depth_torch.npy [518, 518] (the
               bench checks ours against it before timing), then times forward passes; prints JSON lines
"""
import argparse
import importlib.util
import json
import math
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from vit_torch import read_safetensors, timed  # noqa: E402

spec = importlib.util.spec_from_file_location(
    "depth_goldens", os.path.join(HERE, "..", "depth", "make_depth_anything_goldens.py"))
G = importlib.util.module_from_spec(spec)
spec.loader.exec_module(G)
# V2-Small (depth-anything/Depth-Anything-V2-Small-hf config.json)
G.HIDDEN, G.LAYERS, G.HEADS, G.MLP, G.PATCH, G.IMAGE = 384, 12, 6, 1536, 14, 518
G.OUT_INDICES, G.NECK, G.FACTORS, G.FUSION, G.HEAD_HIDDEN = [3, 6, 9, 12], [48, 96, 192, 384], [4, 2, 1, 0.5], 64, 32
SIZE = 518
torch.set_grad_enabled(False)


def randomise(model, gen):
    """Weights scaled by fan-in so activations stay O(1) through 12 blocks (random, but numerically tame)."""
    for name, p in model.named_parameters():
        if name.endswith("lambda1"):
            p.copy_(0.1 + 0.1 * torch.rand(p.shape, generator=gen))
        elif "norm" in name and name.endswith("weight"):
            p.copy_(1 + 0.1 * torch.randn(p.shape, generator=gen))
        elif p.dim() >= 2:
            p.copy_(torch.randn(p.shape, generator=gen) / math.sqrt(p[0].numel()))
        else:
            p.copy_(0.02 * torch.randn(p.shape, generator=gen))
    model.head.conv3.weight.abs_()  # reads ReLU outputs: keeps the depth mostly above the final ReLU


def make(d, seed):
    os.makedirs(d, exist_ok=True)
    gen = torch.Generator().manual_seed(seed)
    model = G.HfDepthAnything(False, 1.0).eval()
    randomise(model, gen)
    x = torch.randn(1, 3, SIZE, SIZE, generator=gen)
    G.save_safetensors(os.path.join(d, "model.safetensors"), model.state_dict())
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(G.hf_config("relative", 1.0), f, indent=2)
    with open(os.path.join(d, "preprocessor_config.json"), "w") as f:
        json.dump(G.preprocessor_config(), f, indent=2)
    G.save_npy(os.path.join(d, "input.npy"), x[0].numpy())
    print(json.dumps({"made": d}), flush=True)


def time_it(d, runs, warmup, threads):
    torch.set_num_threads(threads)
    model = G.HfDepthAnything(False, 1.0).eval()
    model.load_state_dict(read_safetensors(os.path.join(d, "model.safetensors")), strict=True)
    x = torch.from_numpy(np.load(os.path.join(d, "input.npy")))[None]
    print(json.dumps({"info": {"torch": torch.__version__, "threads": torch.get_num_threads(),
                               "blas": os.environ.get("LD_LIBRARY_PATH", "(default)")}}), flush=True)
    depth = model(x)[0]
    G.save_npy(os.path.join(d, "depth_torch.npy"), depth.numpy())
    med, best = timed(lambda: model(x), runs, warmup)
    print(json.dumps({"impl": "pytorch", "median_ms": med, "best_ms": best, "runs": runs}), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--make")
    p.add_argument("--time")
    p.add_argument("--seed", type=int, default=20240613)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    if a.make:
        make(a.make, a.seed)
    if a.time:
        time_it(a.time, a.runs, a.warmup, a.threads)


if __name__ == "__main__":
    main()
