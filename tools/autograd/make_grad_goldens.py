#!/usr/bin/python3
"""Golden gradients for compute.autograd (AutogradTorchGoldenTest), from PyTorch's autograd.

Run with Debian's python (python3-torch 1.13, python3-numpy):

    /usr/bin/python3 tools/autograd/make_grad_goldens.py

Writes compute/src/test/resources/autograd/grad_goldens.safetensors: the inputs, the parameters, the loss
("loss") and the gradient of the loss with respect to every parameter and input ("grad.<name>"), float32.
The safetensors file is written by hand (the safetensors package is not installed). Seeded; reruns give the
same file.

The network uses every op of the seam once: a small conv refiner (conv 3x3 + bias, relu, channel concat,
conv 1x1, focal + BCE + L1 on sigmoid) and a softmax attention head (matmul, transpose, row softmax,
linear with bias, tanh, mse), all in float64 for the reference, stored as float32.
"""
import json
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "compute", "src", "test", "resources", "autograd",
                   "grad_goldens.safetensors")


def focal_with_logits(z, y, gamma, alpha):
    # RetinaNet focal loss (torchvision's sigmoid_focal_loss, mean reduction), soft targets allowed
    p = torch.sigmoid(z)
    pos = -y * alpha * (1 - p) ** gamma * F.logsigmoid(z)
    neg = -(1 - y) * (1 - alpha) * p ** gamma * F.logsigmoid(-z)
    return (pos + neg).mean()


def main():
    g = torch.Generator().manual_seed(16)
    t = lambda *shape: torch.randn(*shape, generator=g, dtype=torch.float64)
    tensors = {
        "x": t(2, 3, 6, 5),
        "w1": t(4, 3, 3, 3) * 0.5, "b1": t(4) * 0.1,
        "w2": t(1, 7, 1, 1) * 0.5, "b2": t(1) * 0.1,
        "seq": t(5, 4),
        "wq": t(4, 3), "wk": t(4, 3), "wv": t(4, 2), "wo": t(2, 2), "bo": t(2),
    }
    consts = {
        "mask": (torch.rand(2, 1, 6, 5, generator=g, dtype=torch.float64) > 0.6).double(),
        "y": t(5, 2),
    }
    for v in tensors.values():
        v.requires_grad_(True)
    T = tensors
    # conv refiner
    h = F.relu(F.conv2d(T["x"], T["w1"], T["b1"], padding=1))
    z = F.conv2d(torch.cat([h, T["x"]], dim=1), T["w2"], T["b2"])
    m = consts["mask"]
    loss1 = focal_with_logits(z, m, 2.0, 0.25) + F.binary_cross_entropy_with_logits(z, m) \
        + F.l1_loss(torch.sigmoid(z), m)
    # attention head
    s = T["seq"]
    a = torch.softmax((s @ T["wq"]) @ (s @ T["wk"]).T, dim=1) @ (s @ T["wv"])
    out = torch.tanh(a @ T["wo"] + T["bo"])
    loss2 = F.mse_loss(out, consts["y"])
    loss = loss1 + loss2
    loss.backward()

    store = {}
    for k, v in list(T.items()) + list(consts.items()):
        store[k] = v.detach()
    store["loss"] = loss.detach().reshape(1)
    for k, v in T.items():
        store["grad." + k] = v.grad
    write(OUT, {k: v.numpy().astype(np.float32) for k, v in store.items()},
          {"torch": torch.__version__, "script": "tools/autograd/make_grad_goldens.py"})
    print("loss", float(loss), "->", os.path.normpath(OUT))


def write(path, arrays, metadata):
    header, offset = {"__metadata__": metadata}, 0
    for k, a in arrays.items():
        header[k] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
    h = json.dumps(header, separators=(",", ":"))
    h += " " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h.encode())
        for a in arrays.values():
            f.write(np.ascontiguousarray(a, dtype="<f4").tobytes())


if __name__ == "__main__":
    main()
