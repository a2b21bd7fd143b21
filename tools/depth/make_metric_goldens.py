#!/usr/bin/python3
"""Reference values for compute.depth.metrics (DepthMetrics), written with plain numpy.

Run with Debian's python (python3-numpy 1.24.2 wrote the committed files):

    /usr/bin/python3 tools/depth/make_metric_goldens.py

Writes compute/src/test/resources/goldens/depth/: float32 .npy inputs (pred, gt; masks as uint8) and
metrics.json with the expected values. Seeds are fixed; reruns give the same files.

The definitions (standard; the set OmniFusion's metrics.py reports), all in float64 over valid pixels:
  valid     = mask & isfinite(gt) & gt > 0 & gt > min_depth & gt <= max_depth
  AbsRel    = mean |p-g|/g          SqRel = mean (p-g)^2/g
  RMSE      = sqrt mean (p-g)^2     RMSE_log = sqrt mean (ln p - ln g)^2
  delta_k   = mean(max(p/g, g/p) < 1.25^k)
Alignment, fitted over the valid pixels only:
  MEDIAN                 p *= median(g)/median(p)
  LEAST_SQUARES_DEPTH    s,t = argmin sum (s p + t - g)^2;   p = s p + t
  LEAST_SQUARES_INVERSE  s,t = argmin sum (s p + t - 1/g)^2; p = 1/max(s p + t, 1/cap),
                         cap = max_depth if finite else max(g)  (MiDaS's disparity cap)
Then p = max(p, 1e-3) (non-finite never reaches here: a valid pixel's pred must be finite).
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "compute", "src", "test", "resources", "goldens", "depth")
MIN_PREDICTION = 1e-3


def lstsq(x, y):
    a = np.stack([x, np.ones_like(x)], axis=1)
    (s, t), *_ = np.linalg.lstsq(a, y, rcond=None)
    return float(s), float(t)


def evaluate(pred, gt, mask, min_depth, max_depth, alignment):
    g_all = gt.astype(np.float64)
    with np.errstate(invalid="ignore"):
        valid = np.isfinite(g_all) & (g_all > 0) & (g_all > min_depth) & (g_all <= max_depth)
    if mask is not None:
        valid &= mask.astype(bool)
    p = pred.astype(np.float64)[valid]
    g = g_all[valid]
    s, t = 1.0, 0.0
    if alignment == "MEDIAN":
        s = float(np.median(g) / np.median(p))
        p = p * s
    elif alignment == "LEAST_SQUARES_DEPTH":
        s, t = lstsq(p, g)
        p = s * p + t
    elif alignment == "LEAST_SQUARES_INVERSE":
        s, t = lstsq(p, 1.0 / g)
        cap = max_depth if np.isfinite(max_depth) else g.max()
        p = 1.0 / np.maximum(s * p + t, 1.0 / cap)
    p = np.maximum(p, MIN_PREDICTION)
    ratio = np.maximum(p / g, g / p)
    return {
        "AbsRel": float(np.mean(np.abs(p - g) / g)),
        "SqRel": float(np.mean((p - g) ** 2 / g)),
        "RMSE": float(np.sqrt(np.mean((p - g) ** 2))),
        "RMSE_log": float(np.sqrt(np.mean((np.log(p) - np.log(g)) ** 2))),
        "delta1": float(np.mean(ratio < 1.25)),
        "delta2": float(np.mean(ratio < 1.25 ** 2)),
        "delta3": float(np.mean(ratio < 1.25 ** 3)),
        "valid_pixels": int(valid.sum()),
        "alignment": alignment,
        "scale": s,
        "shift": t,
    }


def ground_truth(rng, h, w):
    """Depths in [0.3, 9] m with holes: zeros, NaN, +inf, negatives, and (for an 8 m cap) far pixels."""
    gt = rng.uniform(0.3, 9.0, size=(h, w)).astype(np.float32)
    holes = rng.random((h, w))
    gt[holes < 0.05] = 0
    gt[(holes >= 0.05) & (holes < 0.07)] = np.nan
    gt[(holes >= 0.07) & (holes < 0.08)] = np.inf
    gt[(holes >= 0.08) & (holes < 0.09)] = -1
    return gt


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(15)
    h, w = 16, 32
    cases = []

    def add(name, pred, gt, alignment, min_depth=0.0, max_depth=float("inf"), mask=None):
        files = {"pred": name + "_pred.npy", "gt": name + "_gt.npy"}
        np.save(os.path.join(OUT, files["pred"]), pred.astype(np.float32))
        np.save(os.path.join(OUT, files["gt"]), gt.astype(np.float32))
        if mask is not None:
            files["mask"] = name + "_mask.npy"
            np.save(os.path.join(OUT, files["mask"]), mask.astype(np.uint8))
        case = {"name": name, "files": files, "min_depth": min_depth,
                "max_depth": None if np.isinf(max_depth) else max_depth,
                "expected": evaluate(pred.astype(np.float32), gt, mask, min_depth, max_depth, alignment)}
        cases.append(case)

    # Metric prediction with 10 % noise, a few predictions <= 0 (clamped), Stanford2D3D's (0.1, 8] range.
    gt = ground_truth(rng, h, w)
    pred = gt * (1 + 0.1 * rng.standard_normal((h, w)).astype(np.float32))
    pred[rng.random((h, w)) < 0.02] = -0.5
    pred[~np.isfinite(gt)] = np.nan  # invalid pixels may hold anything
    add("metric_noise", pred, gt, "NONE", 0.1, 8.0)

    # Scale-only relative prediction with a caller mask (left quarter excluded).
    gt = ground_truth(rng, h, w)
    pred = np.where(np.isfinite(gt), gt, 1) * 0.37 * np.exp(0.15 * rng.standard_normal((h, w)))
    mask = np.ones((h, w), dtype=bool)
    mask[:, : w // 4] = False
    add("median_masked", pred.astype(np.float32), gt, "MEDIAN", mask=mask)

    # Prediction affine in depth, with noise.
    gt = ground_truth(rng, h, w)
    pred = (np.where(np.isfinite(gt), gt, 1) - 0.2) / 2.5 + 0.05 * rng.standard_normal((h, w))
    add("ls_depth", pred.astype(np.float32), gt, "LEAST_SQUARES_DEPTH", 0.1, 8.0)

    # Relative inverse depth (Depth Anything / MiDaS style): 3/gt + 0.5 plus noise; cap from the data.
    gt = ground_truth(rng, h, w)
    disp = 3.0 / np.where(np.isfinite(gt) & (gt > 0), gt, 1) + 0.5
    pred = disp + 0.08 * rng.standard_normal((h, w))
    add("ls_inverse", pred.astype(np.float32), gt, "LEAST_SQUARES_INVERSE")
    # The same with an 8 m cap, so some aligned disparities hit 1/8.
    add("ls_inverse_capped", (pred - 0.3).astype(np.float32), gt, "LEAST_SQUARES_INVERSE", 0.1, 8.0)

    with open(os.path.join(OUT, "metrics.json"), "w") as f:
        json.dump({"numpy": np.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", len(cases), "cases to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
