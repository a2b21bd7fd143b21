#!/usr/bin/python3
"""Golden for the ImageNet preprocessing: Resize(256) -> CenterCrop(224) -> ToTensor -> Normalize.

Run:  /usr/bin/python3 tools/goldens/make_image_preprocess_goldens.py

torchvision is not installable here, so the pipeline is written out with PIL exactly as torchvision does
it for PIL inputs (torchvision/transforms/functional.py + functional_pil.py; unchanged from 0.14 to today):
  Resize(256): shorter side -> 256, longer -> int(256 * long / short) (truncated), then
               PIL Image.resize((w, h), Image.BILINEAR). PIL's bilinear always filters with a support
               scaled by the reduction factor (it is antialiased) and works in 8-bit fixed point,
               so the result is uint8; torchvision's `antialias` flag only affects tensor inputs.
  CenterCrop(224): top = int(round((h - 224) / 2)), left = int(round((w - 224) / 2))  (Python round:
               half to even, so 79.5 -> 80 but 78.5 -> 78; Java's Math.round differs on the latter)
  ToTensor: uint8 HWC -> float CHW / 255;  Normalize: (x - mean) / std with ImageNet mean/std.

The photo is read from ../shared (not copied). Written to goldens/preprocess/:
  <name>_resized_cropped_u8.npy  [224, 224, 3] uint8  - the exact PIL result after resize + crop
  <name>_tensor_corner.npy       [1, 3, 16, 16] float32 - normalised tensor, top-left 16x16 corner
  plus an entry in preprocess/manifest.json with sizes, crop box, per-channel mean/std of the full
  normalised tensor (float64 sums) and a few sampled pixel values.
"""
import json
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from goldens_common import GOLDENS, save_npy, shared_path  # noqa: E402

MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)
PHOTOS = ["data/photos/skimage/chelsea.png", "data/photos/skimage/rocket.jpg"]


def resize_shorter(im, size):
    w, h = im.size
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = size, int(size * long / short)
    new_w, new_h = (new_short, new_long) if w <= h else (new_long, new_short)
    return im.resize((new_w, new_h), Image.BILINEAR)


def center_crop(im, size):
    w, h = im.size
    top, left = int(round((h - size) / 2.0)), int(round((w - size) / 2.0))
    return im.crop((left, top, left + size, top + size)), (top, left)


def main():
    out = os.path.join(GOLDENS, "preprocess")
    os.makedirs(out, exist_ok=True)
    entries = []
    for rel in PHOTOS:
        name = os.path.splitext(os.path.basename(rel))[0]
        im = Image.open(shared_path(rel)).convert("RGB")
        resized = resize_shorter(im, 256)
        cropped, (top, left) = center_crop(resized, 224)
        u8 = np.asarray(cropped, dtype=np.uint8)
        t = (u8.astype(np.float32) / 255.0 - MEAN) / STD  # HWC, float32 as torchvision computes it
        chw = np.ascontiguousarray(t.transpose(2, 0, 1))[None]
        save_npy(os.path.join(out, f"{name}_resized_cropped_u8.npy"), u8, dtype="|u1")
        save_npy(os.path.join(out, f"{name}_tensor_corner.npy"), chw[:, :, :16, :16])
        samples = [[c, y, x, float(chw[0, c, y, x])] for c, y, x in
                   ((0, 0, 0), (1, 111, 111), (2, 223, 223), (0, 50, 180), (1, 200, 30), (2, 112, 7))]
        entries.append({
            "photo": "shared:" + rel, "source_size_wh": list(im.size), "resized_size_wh": list(resized.size),
            "crop_top_left": [top, left], "crop": 224,
            "files": {"resized_cropped_u8": f"preprocess/{name}_resized_cropped_u8.npy",
                      "tensor_corner": f"preprocess/{name}_tensor_corner.npy"},
            "tensor_shape": [1, 3, 224, 224],
            "channel_mean": [float(chw[0, c].astype(np.float64).mean()) for c in range(3)],
            "channel_std": [float(chw[0, c].astype(np.float64).std()) for c in range(3)],
            "samples_c_y_x_value": samples})
        print(f"{name}: {im.size} -> {resized.size} -> crop at (top={top}, left={left}); "
              f"channel means {[round(v, 4) for v in entries[-1]['channel_mean']]}")
    manifest = {
        "generator": "tools/goldens/make_image_preprocess_goldens.py", "pil": Image.__version__,
        "pipeline": "torchvision Resize(256, BILINEAR) on a PIL image (= PIL Image.resize, antialiased, uint8), "
                    "CenterCrop(224) with Python round((h-224)/2) (half to even), ToTensor (/255), Normalize(mean, std)",
        "mean": MEAN.tolist(), "std": STD.tolist(),
        "tolerance_note": "PIL bilinear works in 8-bit fixed point (22 fractional bits, round half up); a float "
                          "port lands within 1 grey level; compare u8 with |diff| <= 1",
        "cases": entries}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)


if __name__ == "__main__":
    main()
