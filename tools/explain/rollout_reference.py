#!/usr/bin/python3
"""Reference answers for org.attentionworkbench.compute.explain, in numpy.

Writes into compute/src/test/resources/explain/ (run from the repository root):
  attention.npy   float32 [L, H, N, N]  seeded random softmax rows (token 0 a class token, 3x3 patches)
  rollout.npy     float64 [F, R, 2, 2, N, N]  rollout for F fusions (mean, min, max), R discard ratios,
                  2 normalisations (rows, vit-explain's broadcast) and 2 last layers (1, L-1)
  massmask.npy    float64 [H, 9]  DINO's thresholded masks (share 0.6) of the last layer's class-token maps

The rollout mirrors jacobgil/vit-explain vit_rollout.py step by step: fuse heads; rank all N*N fused
weights, zero the int(N*N*ratio) lowest except flat index 0; a = (fused + I) / 2; normalise; R = a @ R.
Ties are broken by flat index (a stable argsort), which the Java side does too; torch.topk leaves them
unspecified. The mask mirrors facebookresearch/dino visualize_attention.py (--threshold).
"""
import os

import numpy as np

L, H, PREFIX, GH, GW = 4, 3, 1, 3, 3
N = PREFIX + GH * GW
FUSIONS = ["mean", "min", "max"]
RATIOS = [0.0, 0.5, 0.9]
NORMS = ["rows", "vit_explain"]
LAST = [1, L - 1]
SHARE = 0.6
OUT = os.path.join("compute", "src", "test", "resources", "explain")


def attention(seed=20240611):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 2.0, size=(L, H, N, N))
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float32)


def fuse(layer, fusion):
    # layer [H, N, N] float32; the fused map stays float32 as in torch
    if fusion == "mean":
        return layer.mean(axis=0, dtype=np.float32)
    if fusion == "min":
        return layer.min(axis=0)
    return layer.max(axis=0)


def rollout(att, fusion, ratio, norm, last):
    result = np.eye(N)
    for layer in att[: last + 1]:
        fused = fuse(layer, fusion).copy()
        # drop the lowest attentions, but not flat index 0 (class token -> class token)
        flat = fused.reshape(-1)
        drop = int(flat.size * ratio)
        indices = np.argsort(flat, kind="stable")[:drop]
        indices = indices[indices != 0]
        flat[indices] = 0
        a = (fused.astype(np.float64) + np.eye(N)) / 2
        if norm == "rows":
            a = a / a.sum(axis=-1, keepdims=True)
        else:
            a = a / a.sum(axis=-1)  # vit-explain's broadcast: a[i, j] / sum(a[j, :])
        result = a @ result
    return result


def mass_mask(values, share):
    # DINO: sort ascending, normalise, cumulative sum, keep where it exceeds 1 - share, unsort
    idx = np.argsort(values, kind="stable")
    val = values[idx].astype(np.float64)
    val = val / val.sum()
    keep = np.cumsum(val) > (1 - share)
    out = np.zeros_like(keep)
    out[idx] = keep
    return out.astype(np.float64)


def main():
    att = attention()
    os.makedirs(OUT, exist_ok=True)
    np.save(os.path.join(OUT, "attention.npy"), att)
    roll = np.zeros((len(FUSIONS), len(RATIOS), len(NORMS), len(LAST), N, N))
    for f, fusion in enumerate(FUSIONS):
        for r, ratio in enumerate(RATIOS):
            for m, norm in enumerate(NORMS):
                for j, last in enumerate(LAST):
                    roll[f, r, m, j] = rollout(att, fusion, ratio, norm, last)
    np.save(os.path.join(OUT, "rollout.npy"), roll)
    masks = np.stack([mass_mask(att[L - 1, h, 0, PREFIX:], SHARE) for h in range(H)])
    np.save(os.path.join(OUT, "massmask.npy"), masks)
    print("rows of the mean/0.9/rows rollout sum to", roll[0, 2, 0, 1].sum(axis=-1))
    print("mask cells kept per head", masks.sum(axis=1))


if __name__ == "__main__":
    main()
