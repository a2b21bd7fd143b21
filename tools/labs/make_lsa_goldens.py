#!/usr/bin/python3
"""Golden loss and gradients of a two-layer linear self-attention (compute.labs.icl.LinearSelfAttention), from PyTorch.

Run with Debian's python (python3-torch 1.13, python3-numpy):

    /usr/bin/python3 tools/labs/make_lsa_goldens.py

Writes compute/src/test/resources/labs/lsa_goldens.safetensors (read by LsaTorchGoldenTest): seeded tokens
"e" [B, n+1, d+1] (context rows [x; y], query row [x_q; 0]), query targets "yq" [B, 1], the weights
"l{0,1}.{wq,wk,wv,wo}" [d+1, d+1], the loss "loss" and every gradient "grad.<name>", float32 (computed in float64).

The layer, row convention as von Oswald et al.: e <- e + ((e Wq)(c Wk)^T)(c Wv) Wo with c the n context rows;
prediction -(query's y slot); loss mean squared error.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "autograd"))
from make_grad_goldens import write  # noqa: E402  (the project's own safetensors writer)

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "compute", "src", "test", "resources", "labs",
                   "lsa_goldens.safetensors")


def main():
    g = torch.Generator().manual_seed(18)
    b, n, d = 3, 4, 3
    dd = d + 1
    x = torch.rand(b, n + 1, d, generator=g, dtype=torch.float64) * 2 - 1
    w = torch.randn(b, d, 1, generator=g, dtype=torch.float64)
    y = (x @ w)  # [b, n+1, 1]
    e = torch.cat([x, y], dim=2)
    e[:, n, d] = 0
    yq = y[:, n, :].clone()
    params = {}
    for l in range(2):
        for k in ("wq", "wk", "wv", "wo"):
            params[f"l{l}.{k}"] = (torch.randn(dd, dd, generator=g, dtype=torch.float64) * 0.5).requires_grad_(True)
    h = e
    for l in range(2):
        p = lambda k: params[f"l{l}.{k}"]
        c = h[:, :n, :]
        att = (h @ p("wq")) @ (c @ p("wk")).transpose(1, 2)
        h = h + (att @ (c @ p("wv"))) @ p("wo")
    pred = -h[:, n, d:d + 1]
    loss = torch.mean((pred - yq) ** 2)
    loss.backward()
    store = {"e": e, "yq": yq, "loss": loss.detach().reshape(1)}
    for k, v in params.items():
        store[k] = v.detach()
        store["grad." + k] = v.grad
    write(OUT, {k: v.numpy().astype(np.float32) for k, v in store.items()},
          {"torch": torch.__version__, "script": "tools/labs/make_lsa_goldens.py"})
    print("loss", float(loss), "->", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
