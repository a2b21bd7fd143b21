#!/usr/bin/python3
"""Reference values for the anomaly metrics (compute/.../anomaly/metrics), from sklearn and scipy.

Run with Debian's python (python3-sklearn 1.2, python3-scipy, python3-numpy):

    /usr/bin/python3 tools/anomaly/make_metric_goldens.py

Writes compute/src/test/resources/anomaly/metrics/: NumPy inputs (scores float64/float32, labels and
masks uint8) and golden.json with the expected values. Seeds are fixed; reruns give the same files.

References used:
  * image/pixel AUROC: sklearn.metrics.roc_auc_score
  * ROC curve:         sklearn.metrics.roc_curve(drop_intermediate=False); its first threshold
                       (max + 1 in sklearn 1.2, +inf from 1.3) is written as +inf
  * F1-max:            anomalib's F1Max: max over sklearn.metrics.precision_recall_curve of
                       2pr/(p+r); the threshold is chosen on exact counts (fractions) so that equal
                       F1 at two thresholds resolves to the lowest one, as argmax does in exact arithmetic
  * AUPRO:             the MVTec AD evaluation definition (compute_pro + trapezoid with x_max, divided
                       by the limit), re-implemented below with 8-connected scipy.ndimage.label; written
                       twice, with float64 FPRs (what the Java code does; compared at 1e-9) and with the
                       MVTec code's float32 FPRs (compared at 1e-6)
"""
import json
import os
from bisect import bisect
from fractions import Fraction

import numpy as np
from scipy import ndimage
from sklearn.metrics import precision_recall_curve, roc_auc_score, roc_curve

REPO = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(REPO, "compute", "src", "test", "resources", "anomaly", "metrics")
EIGHT = np.ones((3, 3), dtype=int)


def f1_max(labels, scores):
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    p, r = precision[:-1], recall[:-1]  # the last point (p=1, r=0) has no threshold and F1 = 0
    with np.errstate(invalid="ignore", divide="ignore"):
        f1_float = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
    pos = int(np.sum(labels))
    # exact F1 = 2TP / (TP + FP + P) from the counts at each (ascending) threshold
    exact = []
    for t in thresholds:
        pred = scores >= t
        tp = int(np.sum(pred & (labels == 1)))
        fp = int(np.sum(pred & (labels == 0)))
        exact.append(Fraction(2 * tp, tp + fp + pos))
    best = max(exact)
    i = exact.index(best)  # first in ascending thresholds = lowest threshold
    assert abs(float(best) - f1_float.max()) < 1e-12
    return {"f1": float(best), "threshold": float(thresholds[i]),
            "precision": float(p[i]), "recall": float(r[i])}


def pro_curve(maps, masks, fpr_dtype):
    """(fpr, pro) points: (0,0), one per distinct score from the highest, (1,1)."""
    fp_change, pro_change = [], []
    regions, ok = 0, 0
    for m in masks:
        lab, n = ndimage.label(m, EIGHT)
        regions += n
        ok += int(np.sum(lab == 0))
        fp_change.append((lab == 0).astype(np.float64).ravel())
        pc = np.zeros(m.size)
        flat = lab.ravel()
        for k in range(1, n + 1):
            sel = flat == k
            pc[sel] = 1.0 / sel.sum()
        pro_change.append(pc)
    scores = np.concatenate([s.ravel() for s in maps])
    order = np.argsort(scores, kind="stable")[::-1]
    s = scores[order]
    fpr = np.cumsum(np.concatenate(fp_change)[order]).astype(fpr_dtype) / fpr_dtype(ok)
    pro = np.cumsum(np.concatenate(pro_change)[order]) / regions
    last_of_group = np.append(np.diff(s) != 0, True)
    fpr = np.minimum(fpr[last_of_group], 1.0)
    pro = np.minimum(pro[last_of_group], 1.0)
    return np.concatenate(([0.0], fpr, [1.0])), np.concatenate(([0.0], pro, [1.0])), regions


def area_to(x, y, x_max):
    """Trapezoid area under (x, y) for x ≤ x_max, the last piece interpolated up to x_max."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    extra = 0.0
    if x_max not in x:
        j = bisect(x, x_max)
        y_at = y[j - 1] + (y[j] - y[j - 1]) * (x_max - x[j - 1]) / (x[j] - x[j - 1])
        extra = 0.5 * (y_at + y[j - 1]) * (x_max - x[j - 1])
    keep = x <= x_max
    x, y = x[keep], y[keep]
    return float(np.sum(0.5 * (y[1:] + y[:-1]) * (x[1:] - x[:-1])) + extra)


def aupro(maps, masks, limit, fpr_dtype=np.float64):
    x, y, _ = pro_curve(maps, masks, fpr_dtype)
    return area_to(x, y, limit) / limit


def save(name, array):
    np.save(os.path.join(OUT, name + ".npy"), array)
    return name + ".npy"


def image_case(name, labels, scores):
    labels = np.asarray(labels, dtype=np.uint8)
    scores = np.asarray(scores, dtype=np.float64)
    case = {"name": name, "scores": save(name + "_scores", scores), "labels": save(name + "_labels", labels)}
    if 0 < labels.sum() < labels.size:
        case["auroc"] = float(roc_auc_score(labels, scores))
        fpr, tpr, thr = roc_curve(labels, scores, drop_intermediate=False)
        thr = thr.astype(np.float64)
        thr[0] = np.inf
        case["roc"] = {"fpr": save(name + "_roc_fpr", fpr), "tpr": save(name + "_roc_tpr", tpr),
                       "thresholds": save(name + "_roc_thr", thr)}
    else:
        case["auroc"] = None  # sklearn raises: only one class present
    if labels.sum() > 0:
        case["f1max"] = f1_max(labels, scores)
    else:
        case["f1max"] = None
    return case


def pixel_case(name, maps, masks):
    maps = np.asarray(maps, dtype=np.float32)
    masks = np.asarray(masks, dtype=np.uint8)
    flat_l, flat_s = masks.ravel(), maps.ravel().astype(np.float64)
    _, _, regions = pro_curve(maps, masks, np.float64)
    return {
        "name": name,
        "maps": save(name + "_maps", maps),
        "masks": save(name + "_masks", masks),
        "regions": int(regions),
        "auroc": float(roc_auc_score(flat_l, flat_s)),
        "f1max": f1_max(flat_l, flat_s),
        "aupro": {str(lim): aupro(maps, masks, lim) for lim in (0.3, 0.05, 1.0)},
        "aupro_mvtec_float32": aupro(maps, masks, 0.3, np.float32),
    }


def blobs(rng, h, w, count):
    """A mask with `count` random ellipses (some touch or merge)."""
    yy, xx = np.mgrid[0:h, 0:w]
    m = np.zeros((h, w), dtype=bool)
    for _ in range(count):
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        ry, rx = rng.uniform(1.5, h / 6), rng.uniform(1.5, w / 6)
        m |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1
    return m


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240607)
    images = []

    # image level: random with ties, all scores equal, one positive, perfect, inverted, one class only
    lab = rng.integers(0, 2, 40)
    images.append(image_case("ties", lab, np.round(rng.normal(lab * 0.8, 1.0), 1)))
    images.append(image_case("continuous", lab, rng.normal(lab * 1.5, 1.0)))
    images.append(image_case("all_same", lab, np.full(40, 0.25)))
    one = np.zeros(25, dtype=int)
    one[7] = 1
    images.append(image_case("single_positive", one, np.round(rng.uniform(0, 1, 25), 1)))
    images.append(image_case("perfect", [0, 0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.9]))
    images.append(image_case("inverted", [1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4]))
    images.append(image_case("only_good", [0, 0, 0], [0.1, 0.2, 0.3]))
    images.append(image_case("only_defect", [1, 1, 1], [0.1, 0.2, 0.3]))

    pixels = []
    # pixel level 1: hand-made masks, diagonal-only contacts (8-connectivity joins them), quantized scores
    h, w = 12, 16
    masks = np.zeros((4, h, w), dtype=bool)
    masks[0, 2:4, 2:4] = True
    masks[0, 4:6, 4:6] = True      # touches the first square only at a corner: one region
    masks[0, 8:11, 10:15] = True   # a second region
    masks[1, 0, 0] = True          # single-pixel regions
    masks[1, 11, 15] = True
    masks[1, 5:7, 3:12] = True
    # masks[2] stays empty: a good image
    masks[3, 3:9, 6:9] = True
    truth = masks.astype(np.float64)
    maps = np.round(truth * 0.6 + rng.normal(0, 0.3, masks.shape), 1)
    pixels.append(pixel_case("handmade", maps, masks))

    # pixel level 2: ten 48x48 maps, random blobs (4 good images), continuous scores
    n, h, w = 10, 48, 48
    masks = np.stack([blobs(rng, h, w, rng.integers(1, 5)) if i >= 4 else np.zeros((h, w), bool)
                      for i in range(n)])
    smooth = ndimage.gaussian_filter(masks.astype(np.float64), sigma=(0, 2, 2))
    maps = smooth + rng.normal(0, 0.25, masks.shape)
    pixels.append(pixel_case("blobs", maps, masks))

    # pixel level 3: every score equal (the first curve point is already past the limit)
    pixels.append(pixel_case("flat", np.full((2, 8, 8), 0.5), pixels_mask_flat()))

    with open(os.path.join(OUT, "golden.json"), "w") as f:
        json.dump({"image": images, "pixel": pixels}, f, indent=1, allow_nan=False,
                  default=lambda o: o)
        f.write("\n")


def pixels_mask_flat():
    m = np.zeros((2, 8, 8), dtype=bool)
    m[0, 1:3, 1:3] = True
    m[1, 5:8, 0:2] = True
    return m


if __name__ == "__main__":
    main()
