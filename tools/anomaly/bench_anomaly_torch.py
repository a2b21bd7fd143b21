#!/usr/bin/python3
"""PyTorch CPU peer for ./workbench bench anomaly (run by compute/.../anomaly/AnomalyBench with Debian's
python3-torch), doing the same work per image as ours, stage by stage:

  features  squash the decoded image to S² (PIL bilinear, as our Preprocess), ImageNet normalisation,
            MobileNetV2 (BatchNorm folded into the convolutions, as our loader does) up to the last tap,
            per tap a 3×3 local mean (AvgPool2d(3, 1, 1)), bilinear resize to the common S/8 grid
            (align_corners=False), concatenation, per-tap L2 norm weighted 1/√taps
  scoring   against one prompt's features (extracted once beforehand), then the map: bilinear upsample of
  + map     the patch scores to S² (align_corners=False), Gaussian σ = 4 (scipy.ndimage.gaussian_filter's
            kernel and "reflect" border, as separable 1-D convolutions), image score = max
            - reconstruction: A = softmax(T·Pᵀ/τ), R = A·P, score = 1 − cos(T, R)   (τ = 0.05)
            - knn:            score = 1 − max_j T·P_jᵀ                             (k = 1)
            - knn3:           score = mean of 1 − T·P_jᵀ over the 3 best j       (k = 3, the CLI default)

Times each stage separately: median and best over --runs after --warmup untimed runs. Prints JSON lines:
{"info": ...}, then per scorer {"scorer", "features_ms", "scoring_ms", ..., "image_score"} (the image score
of the target, which the bench compares with ours). With --serve it times one image per scorer name read
from stdin instead (one JSON line each), so the bench can alternate its runs with ours.

Usage: bench_anomaly_torch.py --weights W.safetensors --prompt P.jpg --target T.jpg [--size 256]
                              [--runs 15] [--warmup 3] [--threads 2] [--taps 3,6,13] [--tau 0.05]
"""
import argparse
import importlib.util
import json
import math
import os
import statistics
import sys
import time

# The peer's best OpenMP wait policy for the machine's state, set before torch loads libgomp, by the rule
# our own thread pool follows (compute.parallel.Parallel): threads that sleep at barriers (PASSIVE) when the
# load average exceeds the cores + 1/2 — there the spinning default made PyTorch 5-10x slower (features 830
# vs 100 ms, 2 threads, load ~8) — and the spinning default otherwise, where it is faster (36 vs 57-84 ms).
if os.getloadavg()[0] > (os.cpu_count() or 1) + 0.5:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from PIL import Image  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("mobilenet_reference", os.path.join(HERE, "mobilenet_reference.py"))
M = importlib.util.module_from_spec(spec)
spec.loader.exec_module(M)
torch.set_grad_enabled(False)
MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)


def fold_batchnorm(net):
    """Every Conv2d followed by a BatchNorm2d becomes one Conv2d with the BN folded in (inference)."""
    for module in net.modules():
        if isinstance(module, torch.nn.Sequential):
            names = list(module._modules)
            for a, b in zip(names, names[1:]):
                conv, bn = module._modules[a], module._modules[b]
                if isinstance(conv, torch.nn.Conv2d) and isinstance(bn, torch.nn.BatchNorm2d):
                    module._modules[a] = torch.nn.utils.fusion.fuse_conv_bn_eval(conv, bn)
                    module._modules[b] = torch.nn.Identity()
    return net


class Features:
    def __init__(self, net, size, taps):
        self.blocks = list(net.features)[:max(taps) + 1]
        self.size = size
        self.taps = taps
        self.grid = size // 8

    def pixels(self, img):
        """PIL's bilinear squash to S², then [1, 3, S, S] normalised (our Preprocess recipe)."""
        x = np.asarray(img.resize((self.size, self.size), Image.BILINEAR), dtype=np.float32) / 255.0
        x = (x - MEAN) / STD
        return torch.from_numpy(x.transpose(2, 0, 1)[None].copy())

    def __call__(self, img):
        x = self.pixels(img)
        parts = []
        for i, block in enumerate(self.blocks):
            x = block(x)
            if i in self.taps:
                avg = F.avg_pool2d(x, 3, 1, 1)  # count_include_pad=True, as AvgPool2d's default
                parts.append(F.interpolate(avg, size=(self.grid, self.grid), mode="bilinear", align_corners=False))
        w = 1 / math.sqrt(len(parts))
        rows = [p[0].flatten(1).t() for p in parts]  # [G², Ci] per tap
        rows = [r * (w / r.norm(dim=1, keepdim=True).clamp_min(1e-30)) for r in rows]
        return torch.cat(rows, dim=1).contiguous()  # [G², D], unit rows


def reflect_index(n, r):
    """scipy's "reflect" (d c b a | a b c d | d c b a) indices for a border of r on a length-n axis."""
    i = np.arange(-r, n + r)
    period = 2 * n
    m = np.mod(i, period)
    return torch.from_numpy(np.where(m < n, m, period - 1 - m))


class AnomalyMap:
    def __init__(self, grid, size, sigma):
        r = int(4 * sigma + 0.5)
        k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
        k = torch.from_numpy((k / k.sum()).astype(np.float32))
        self.rows = k.view(1, 1, -1, 1)
        self.cols = k.view(1, 1, 1, -1)
        self.index = reflect_index(size, r)
        self.grid = grid
        self.size = size

    def __call__(self, patches):
        up = F.interpolate(patches.view(1, 1, self.grid, self.grid), size=(self.size, self.size), mode="bilinear",
                           align_corners=False)
        up = up.index_select(2, self.index)
        up = F.conv2d(up, self.rows)  # along axis 0 first, as scipy
        up = up.index_select(3, self.index)
        up = F.conv2d(up, self.cols)
        return up.max()


def reconstruction(tau):
    def score(t, p):
        a = torch.softmax(t @ p.t() / tau, dim=1)
        r = a @ p
        return 1 - F.cosine_similarity(t, r, dim=1, eps=1e-30)
    return score


def knn(t, p):
    return 1 - (t @ p.t()).max(dim=1).values


def knn_k(k):
    """mean of 1 − cos over the k most similar prompt patches (our NearestNeighbours)"""
    def score(t, p):
        return 1 - (t @ p.t()).topk(k, dim=1).values.mean(dim=1)
    return score


def timed_stats(ms):
    return round(statistics.median(ms), 3), round(min(ms), 3)


def serve(fx, amap, p, target_img, scorers):
    """One image per request line (a scorer name) on stdin, its timings as one JSON line on stdout, so that
    the bench can alternate our runs and these under the same machine load; "alone SCORER RUNS" times RUNS
    images back to back (our process idle meanwhile) for comparison; "quit" ends."""
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        name = line.strip()
        if name == "quit":
            return
        if name.startswith("alone "):
            # "alone SCORER RUNS": RUNS images back to back (the caller idle meanwhile), medians
            _, scorer, runs = name.split()
            feat, score = [], []
            for _ in range(int(runs)):
                t0 = time.perf_counter()
                t = fx(target_img)
                t1 = time.perf_counter()
                float(amap(scorers[scorer](t, p)))
                t2 = time.perf_counter()
                feat.append((t1 - t0) * 1e3)
                score.append((t2 - t1) * 1e3)
            print(json.dumps({"scorer": scorer, "alone": True, "features_ms": round(statistics.median(feat), 3),
                              "scoring_ms": round(statistics.median(score), 3)}), flush=True)
            continue
        t0 = time.perf_counter()
        t = fx(target_img)
        t1 = time.perf_counter()
        image_score = float(amap(scorers[name](t, p)))
        t2 = time.perf_counter()
        print(json.dumps({"scorer": name, "features_ms": round((t1 - t0) * 1e3, 3),
                          "scoring_ms": round((t2 - t1) * 1e3, 3), "image_score": image_score}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--prompt", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--taps", default="3,6,13")
    ap.add_argument("--tau", type=float, default=0.05)
    ap.add_argument("--sigma", type=float, default=4.0)
    ap.add_argument("--scorers", default="reconstruction,knn")
    ap.add_argument("--serve", action="store_true", help="time one image per scorer name read from stdin")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    taps = sorted(int(t) for t in a.taps.split(","))
    net = M.MobileNetV2().eval()
    net.load_state_dict(M.read_safetensors(a.weights), strict=True)
    fold_batchnorm(net)
    fx = Features(net, a.size, taps)
    amap = AnomalyMap(a.size // 8, a.size, a.sigma)
    prompt_img = Image.open(a.prompt).convert("RGB")
    target_img = Image.open(a.target).convert("RGB")
    prompt_img.load()
    target_img.load()
    print(json.dumps({"info": {"torch": torch.__version__, "threads": torch.get_num_threads(),
                               "mkldnn": torch.backends.mkldnn.is_available(),
                               "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "default (active)")}}), flush=True)
    p = fx(prompt_img)
    scorers = {"reconstruction": reconstruction(a.tau), "knn": knn, "knn3": knn_k(3)}
    if a.serve:
        serve(fx, amap, p, target_img, scorers)
        return
    for name in a.scorers.split(","):
        scorer = scorers[name]
        feat, score = [], []
        image_score = None
        for r in range(-a.warmup, a.runs):
            t0 = time.perf_counter()
            t = fx(target_img)
            t1 = time.perf_counter()
            image_score = float(amap(scorer(t, p)))
            t2 = time.perf_counter()
            if r >= 0:
                feat.append((t1 - t0) * 1e3)
                score.append((t2 - t1) * 1e3)
        fm, fb = timed_stats(feat)
        sm, sb = timed_stats(score)
        print(json.dumps({"scorer": name, "features_ms": fm, "features_best_ms": fb, "scoring_ms": sm,
                          "scoring_best_ms": sb, "runs": a.runs, "image_score": image_score}), flush=True)


if __name__ == "__main__":
    main()
