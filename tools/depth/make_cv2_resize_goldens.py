#!/usr/bin/python3
"""References for the Java ports of OpenCV's resizes, written by real cv2.resize.

Run with Debian's interpreter (python3-opencv 4.6, numpy 1.24); byte-reproducible:

    /usr/bin/python3 tools/depth/make_cv2_resize_goldens.py

Two callers feed cv2 differently, so both feeds are checked:
  INTER_CUBIC on the float64 image in [0, 1] (Depth Anything V2's image2tensor: cv2.cvtColor(...) / 255.0),
      compared with DepthPreprocess.cv2Cubic (float weights, double accumulation: bit exact);
  INTER_AREA on the 8-bit BGR image (OmniFusion's loaders: cv2.imread, cv2.resize), compared with
      OmniFusionInput.cv2Area (bit exact): whole factors (the 2x2 special case and others), fractional
      shrinking, enlarging and mixed (one side up, one down).

Writes compute/src/test/resources/goldens/cv2resize/: src_HxW.npy (uint8 [H, W, 3], RGB order),
cubic_HxW_to_NHxNW.npy (float64 [NH, NW, 3]), area_HxW_to_NHxNW.npy (uint8 [NH, NW, 3]), cases.json.
"""
import json
import os
import shutil

import cv2
import numpy as np

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "compute", "src", "test", "resources", "goldens", "cv2resize")

SOURCES = [(33, 45), (64, 128), (30, 41)]
CUBIC = [((33, 45), (42, 56)), ((33, 45), (98, 126)), ((33, 45), (14, 28)), ((64, 128), (37, 29)),
         ((30, 41), (30, 41)), ((30, 41), (90, 123))]
AREA = [((64, 128), (32, 64)), ((64, 128), (16, 32)), ((64, 128), (64, 32)), ((64, 128), (21, 50)),
        ((33, 45), (10, 13)), ((33, 45), (45, 70)), ((33, 45), (20, 90)), ((30, 41), (128, 256)),
        ((64, 128), (40, 128))]


def name(h, w):
    return f"{h}x{w}"


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rng = np.random.default_rng(15)
    src = {}
    for h, w in SOURCES:
        yy, xx = np.mgrid[0:h, 0:w]
        smooth = np.stack([128 + 100 * np.sin(xx / 3.0) * np.cos(yy / 5.0), (xx * 7 + yy * 3) % 256,
                           (xx * yy) % 251], -1)
        noise = rng.integers(0, 256, (h, w, 3))
        img = np.where((xx + yy)[..., None] % 3 == 0, noise, smooth).astype(np.uint8)  # edges and ramps
        src[(h, w)] = img
        np.save(os.path.join(OUT, f"src_{name(h, w)}.npy"), img, allow_pickle=False)
    cases = {"cubic": [], "area": []}
    for (h, w), (nh, nw) in CUBIC:
        rgb = src[(h, w)].astype(np.float64) / 255.0  # image2tensor: RGB / 255.0, float64
        out = cv2.resize(rgb, (nw, nh), interpolation=cv2.INTER_CUBIC)
        f = f"cubic_{name(h, w)}_to_{name(nh, nw)}.npy"
        np.save(os.path.join(OUT, f), np.ascontiguousarray(out.astype("<f8")), allow_pickle=False)
        cases["cubic"].append({"src": f"src_{name(h, w)}.npy", "size": [nh, nw], "out": f})
    for (h, w), (nh, nw) in AREA:
        bgr = np.ascontiguousarray(src[(h, w)][..., ::-1])  # what cv2.imread gives
        out = cv2.resize(bgr, (nw, nh), interpolation=cv2.INTER_AREA)[..., ::-1]
        f = f"area_{name(h, w)}_to_{name(nh, nw)}.npy"
        np.save(os.path.join(OUT, f), np.ascontiguousarray(out), allow_pickle=False)
        cases["area"].append({"src": f"src_{name(h, w)}.npy", "size": [nh, nw], "out": f})
    cases["opencv"] = cv2.__version__
    with open(os.path.join(OUT, "cases.json"), "w") as fh:
        json.dump(cases, fh, indent=1)
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f"wrote {OUT}: {total} bytes")


if __name__ == "__main__":
    main()
