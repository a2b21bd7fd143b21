#!/usr/bin/env python3
"""Golden outputs for MobileNetV2Test and GaussianSmoothTest.

torchvision's MobileNetV2 rebuilt by hand in torch (torchvision is not installed here), weights read from
the safetensors file with a tiny reader (json header + numpy.frombuffer; the safetensors package is not
installed). The input is built with PIL exactly as torchvision's ImageNet recipe (Resize 256 bilinear,
CenterCrop 224, ToTensor, Normalize). Writes small .npy files to compute/src/test/resources/anomaly/:

  mobilenet_input_chelsea.npy  [1, 3, 224, 224] the preprocessed photo (so the test checks the network,
                               not the resize)
  mobilenet_logits_chelsea.npy [1, 1000]
  mobilenet_tap6_chelsea.npy   [1, 32, 28, 28]  output of features.6 (a tap the anomaly features use)
  gaussian_in.npy / gaussian_out.npy  scipy.ndimage.gaussian_filter(sigma=4), PatchCore's smoothing

Usage: /usr/bin/python3 tools/anomaly/mobilenet_reference.py [../shared]
"""
import json
import struct
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
OUT = ROOT / "compute/src/test/resources/anomaly"


def read_safetensors(path):
    raw = Path(path).read_bytes()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    types = {"F32": np.float32, "I64": np.int64}
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        a, b = v["data_offsets"]
        out[k] = torch.from_numpy(np.frombuffer(raw[base + a:base + b], dtype=types[v["dtype"]])
                                  .reshape(v["shape"]).copy())
    return out


def conv_bn_act(cin, cout, k, stride, groups, act):
    layers = [nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if act:
        layers.append(nn.ReLU())  # the shared checkpoint's note: ReLU, not ReLU6
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, t):
        super().__init__()
        hidden = cin * t
        self.use_res = stride == 1 and cin == cout
        layers = []
        if t != 1:
            layers.append(conv_bn_act(cin, hidden, 1, 1, 1, True))
        layers += [conv_bn_act(hidden, hidden, 3, stride, hidden, True),
                   nn.Conv2d(hidden, cout, 1, 1, 0, bias=False), nn.BatchNorm2d(cout)]
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.conv(x) if self.use_res else self.conv(x)


class MobileNetV2(nn.Module):
    def __init__(self):
        super().__init__()
        settings = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                    (6, 320, 1, 1)]
        feats = [conv_bn_act(3, 32, 3, 2, 1, True)]
        cin = 32
        for t, c, n, s in settings:
            for i in range(n):
                feats.append(InvertedResidual(cin, c, s if i == 0 else 1, t))
                cin = c
        feats.append(conv_bn_act(cin, 1280, 1, 1, 1, True))
        self.features = nn.Sequential(*feats)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, 1000))

    def forward(self, x, tap):
        tapped = None
        for i, f in enumerate(self.features):
            x = f(x)
            if i == tap:
                tapped = x
        x = x.mean((2, 3))
        return self.classifier(x), tapped


def imagenet_input(path):
    img = Image.open(path).convert("RGB")
    w, h = img.size
    if w <= h:
        img = img.resize((256, int(256 * h / w)), Image.BILINEAR)
    else:
        img = img.resize((int(256 * w / h), 256), Image.BILINEAR)
    w, h = img.size
    left, top = int(round((w - 224) / 2.0)), int(round((h - 224) / 2.0))
    img = img.crop((left, top, left + 224, top + 224))
    x = np.asarray(img, dtype=np.float32) / 255.0
    x = (x - np.array([0.485, 0.456, 0.406], np.float32)) / np.array([0.229, 0.224, 0.225], np.float32)
    return torch.from_numpy(x.transpose(2, 0, 1)[None].copy())


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    net = MobileNetV2().eval()
    missing, unexpected = net.load_state_dict(read_safetensors(SHARED / "models/mobilenet_v2_imagenet.safetensors"),
                                              strict=True)
    x = imagenet_input(SHARED / "data/photos/skimage/chelsea.png")
    with torch.no_grad():
        logits, tap = net(x, 6)
    np.save(OUT / "mobilenet_input_chelsea.npy", x.numpy())
    np.save(OUT / "mobilenet_logits_chelsea.npy", logits.numpy())
    np.save(OUT / "mobilenet_tap6_chelsea.npy", tap.numpy())
    print("top-5:", torch.topk(logits, 5).indices.tolist(), "tap6", tuple(tap.shape))

    from scipy.ndimage import gaussian_filter
    rng = np.random.default_rng(7)
    g = rng.random((40, 56)).astype(np.float32)
    g[10:14, 20:26] += 3.0
    np.save(OUT / "gaussian_in.npy", g)
    np.save(OUT / "gaussian_out.npy", gaussian_filter(g.astype(np.float64), sigma=4).astype(np.float32))


if __name__ == "__main__":
    main()
