#!/usr/bin/env python3
"""Goldens for the colorize tests, from skimage 0.19 (Debian python3-skimage) and numpy.

Writes into compute/src/test/resources/colorize/:
  lab_grid.npy       [N, 6] float64: r, g, b in [0, 1] (a 6x6x6 grid of 8-bit levels) then L, a, b
                     from skimage.color.rgb2lab (D65, 2 deg)
  lab_roundtrip.npy  [M, 6]: L, a, b (some out of gamut) then skimage.color.lab2rgb's r, g, b
  metrics_noise.npy  [2]: PSNR (data_range 255) and SSIM (gaussian_weights, sigma 1.5,
                     use_sample_covariance False, data_range 255, channel_axis 2) of
                     metrics_a.png vs metrics_b.png
  metrics_a.png, metrics_b.png: a 40x48 smooth colour image and a copy with seeded Gaussian noise

Run: /usr/bin/python3 tools/colorize/lab_reference.py
"""
import os

import numpy as np
from PIL import Image
from skimage.color import lab2rgb, rgb2lab
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "compute", "src", "test", "resources", "colorize")
os.makedirs(OUT, exist_ok=True)

levels = np.array([0, 51, 102, 153, 204, 255]) / 255.0
grid = np.array([[r, g, b] for r in levels for g in levels for b in levels])
lab = rgb2lab(grid.reshape(-1, 1, 3)).reshape(-1, 3)
np.save(os.path.join(OUT, "lab_grid.npy"), np.concatenate([grid, lab], axis=1))

rng = np.random.default_rng(7)
labs = np.stack([rng.uniform(0, 100, 60), rng.uniform(-110, 110, 60), rng.uniform(-110, 110, 60)], axis=1)
rgb = lab2rgb(labs.reshape(-1, 1, 3)).reshape(-1, 3)
np.save(os.path.join(OUT, "lab_roundtrip.npy"), np.concatenate([labs, rgb], axis=1))

h, w = 40, 48
yy, xx = np.mgrid[0:h, 0:w]
a = np.stack([xx * 255 / (w - 1), yy * 255 / (h - 1), 128 + 100 * np.sin(xx / 5.0) * np.cos(yy / 7.0)], axis=2)
a = np.clip(np.round(a), 0, 255).astype(np.uint8)
b = np.clip(a.astype(np.float64) + rng.normal(0, 12, a.shape), 0, 255).round().astype(np.uint8)
Image.fromarray(a).save(os.path.join(OUT, "metrics_a.png"))
Image.fromarray(b).save(os.path.join(OUT, "metrics_b.png"))
psnr = peak_signal_noise_ratio(a, b, data_range=255)
ssim = structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                             data_range=255, channel_axis=2)
np.save(os.path.join(OUT, "metrics_noise.npy"), np.array([psnr, ssim]))
print("wrote goldens to", os.path.normpath(OUT), "psnr", psnr, "ssim", ssim)
