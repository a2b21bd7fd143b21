"""Shared helpers for the golden generators: file writers and NumPy reference resamplers.

Nothing here imports timm / transformers / safetensors (none can be installed on the build machines);
the safetensors writer follows the published format (https://github.com/huggingface/safetensors, README
"Format"): 8-byte little-endian header length, a UTF-8 JSON header (name -> dtype, shape, data_offsets,
plus "__metadata__"), padded with spaces to a multiple of 8, then the raw little-endian tensor bytes.
"""
import json
import math
import os
import struct

import numpy as np

SHARED = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
REPO = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
GOLDENS = os.path.join(REPO, "compute", "src", "test", "resources", "goldens")


def shared_path(rel):
    """A file under ../shared (beside the repository root); fails loudly if it is missing."""
    for root in (SHARED, "/work/shared"):
        p = os.path.join(root, rel)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(f"shared file not found: ../shared/{rel}")


def save_safetensors(path, tensors, metadata=None):
    """Writes float32 tensors (name -> torch tensor or ndarray) as a .safetensors file."""
    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name]
        a = t.detach().cpu().numpy() if hasattr(t, "detach") else np.asarray(t)
        a = np.ascontiguousarray(a.astype("<f4"))
        b = a.tobytes()
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    header["__metadata__"] = metadata if metadata is not None else {"format": "pt"}
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def save_npy(path, array, dtype="<f4"):
    np.save(path, np.ascontiguousarray(np.asarray(array).astype(dtype)), allow_pickle=False)


# ---------------------------------------------------------------------------------------------
# NumPy references for the three position-embedding resamplers, so the manifest's formulas are
# checked against torch.nn.functional.interpolate (torch 1.13 CPU) and the Java port can follow
# plain loops. Each resamples one axis with a dense [out, in] weight matrix.
# ---------------------------------------------------------------------------------------------

def _keys_cubic(x, a):
    """Keys cubic convolution kernel with parameter a (torch: -0.75 plain, -0.5 antialiased)."""
    x = abs(x)
    if x <= 1.0:
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0
    if x < 2.0:
        return (((x - 5.0) * x + 8.0) * x - 4.0) * a
    return 0.0


def bicubic_matrix(n_in, n_out, scale_factor=None):
    """torch bicubic, align_corners=False, antialias=False.

    src = (o + 0.5) * s - 0.5 with s = 1/scale_factor when a scale factor is passed (DINO's +0.1 kludge),
    else s = n_in / n_out; taps floor(src)-1 .. floor(src)+2, indices clamped to [0, n_in-1], a = -0.75.
    """
    s = (1.0 / scale_factor) if scale_factor else n_in / n_out
    m = np.zeros((n_out, n_in))
    for o in range(n_out):
        src = (o + 0.5) * s - 0.5
        i0 = math.floor(src)
        t = src - i0
        for k in range(-1, 3):
            idx = min(max(i0 + k, 0), n_in - 1)
            m[o, idx] += _keys_cubic(t - k, -0.75)
    return m


def bicubic_aa_matrix(n_in, n_out):
    """torch bicubic, align_corners=False, antialias=True (PIL-style separable filter).

    scale = n_in / n_out; support = 2 * max(scale, 1); center = scale * (o + 0.5);
    taps j in [max(int(center - support + 0.5), 0), min(int(center + support + 0.5), n_in));
    w_j = cubic_{a=-0.5}((j - center + 0.5) / max(scale, 1)), normalised to sum 1 (no index clamping).
    """
    scale = n_in / n_out
    support = 2.0 * scale if scale >= 1.0 else 2.0
    inv = 1.0 / scale if scale >= 1.0 else 1.0
    m = np.zeros((n_out, n_in))
    for o in range(n_out):
        center = scale * (o + 0.5)
        lo = max(int(center - support + 0.5), 0)
        hi = min(int(center + support + 0.5), n_in)
        w = np.array([_keys_cubic((j - center + 0.5) * inv, -0.5) for j in range(lo, hi)])
        m[o, lo:hi] = w / w.sum()
    return m


def resample_grid(grid, mh, mw):
    """grid [H, W, D] -> [H', W', D] with row matrix mh [H', H] and column matrix mw [W', W]."""
    return np.einsum("ph,hwd,qw->pqd", mh, grid.astype(np.float64), mw)
