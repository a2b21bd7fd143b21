#!/usr/bin/python3
"""Goldens for the zoo's non-attention mixers, from PyTorch references on seeded inputs.

Writes compute/src/test/resources/zoo/goldens/*.npy (inputs float32, outputs float64 computed from the
same float32 values). Run with Debian's torch (1.13): /usr/bin/python3 tools/zoo/make_goldens.py
The references follow the published code's semantics (re-written here, not copied):
  - Mamba: mamba_ssm selective_scan_ref (no z, delta already positive): a step-by-step recurrence.
  - SSD / Hydra: ssd_minimal's chunked algorithm (segsum, intra-chunk diagonal blocks, inter-chunk
    state passing), then hydra.py's composition (roll by one with the first row zeroed, flip, + x*(D + W_D x)).
  - DaViT: timm davit.py ChannelAttention (code semantics: softmax((k*scale)^T v), y = (A q^T)^T).
  - UniFormer: a depthwise 5x5 conv2d with the uniform kernel, zero padding 2.
  - CAS-ViT: rcvit.py's AdditiveTokenMixer built from torch layers with the parameter-free weights
    (3x3 box depthwise convs, BN the identity in eval mode, the C->1 conv the channel mean, W = I).
  - DLGSANet GSA: SparseAttention._forward (F.normalize over the tokens, ReLU(q k^T * tau), attn @ v), tau = 1.
"""
import os
import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "compute", "src", "test", "resources",
                   "zoo", "goldens")
torch.set_default_dtype(torch.float64)


def save(name, array):
    np.save(os.path.join(OUT, name + ".npy"), np.ascontiguousarray(array))


def f32(t):
    """Round to float32 (what Java gets) and back to float64 for the reference computation."""
    return t.float().double()


def selective_scan_ref(u, delta, A, B, C, D):
    """u, delta (L, Dm); A (Dm, Ns); B, C (L, Ns); D (Dm) -> y (L, Dm)."""
    L, Dm = u.shape
    h = torch.zeros(Dm, A.shape[1])
    ys = []
    for t in range(L):
        dA = torch.exp(delta[t][:, None] * A)
        h = dA * h + (delta[t] * u[t])[:, None] * B[t][None, :]
        ys.append(h @ C[t])
    return torch.stack(ys) + u * D


def segsum(a):
    """s[i, j] = a[j+1] + ... + a[i] for j <= i, -inf above the diagonal."""
    T = a.shape[-1]
    cs = torch.cumsum(a, -1)
    s = cs[..., :, None] - cs[..., None, :]
    mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
    return s.masked_fill(~mask, float("-inf"))


def ssd_chunked(X, a, B, C, block):
    """X (L, P) already times dt; a (L) = A*dt; B, C (L, Ns). Chunked SSD, ssd_minimal's algorithm."""
    L, P = X.shape
    nc = L // block
    Xc, Bc, Cc = X.reshape(nc, block, P), B.reshape(nc, block, -1), C.reshape(nc, block, -1)
    ac = a.reshape(nc, block)
    acs = torch.cumsum(ac, -1)
    Lmat = torch.exp(segsum(ac))                                   # (nc, l, s)
    y_diag = torch.einsum("cln,csn,cls,csp->clp", Cc, Bc, Lmat, Xc)
    decay_states = torch.exp(acs[:, -1:] - acs)                    # (nc, l)
    states = torch.einsum("cln,cl,clp->cpn", Bc, decay_states, Xc)
    states = torch.cat([torch.zeros_like(states[:1]), states], 0)
    decay_chunk = torch.exp(segsum(F.pad(acs[:, -1], (1, 0))))    # (nc+1, nc+1)
    new_states = torch.einsum("zc,cpn->zpn", decay_chunk, states)[:-1]
    y_off = torch.einsum("cln,cpn,cl->clp", Cc, new_states, torch.exp(acs))
    return (y_diag + y_off).reshape(L, P)


def hydra_ref(x, dt_f, dt_b, A, B_f, C_f, B_b, C_b, diag, block):
    L = x.shape[0]
    y_f = ssd_chunked(x * dt_f[:, None], A * dt_f, B_f, C_f, block)
    y_b = ssd_chunked(torch.flip(x, (0,)) * torch.flip(dt_b, (0,))[:, None], A * torch.flip(dt_b, (0,)),
                      torch.flip(B_b, (0,)), torch.flip(C_b, (0,)), block)
    y_f = torch.roll(y_f, 1, 0)
    y_f[0] = 0
    y_b = torch.roll(y_b, 1, 0)
    y_b[0] = 0
    return y_f + torch.flip(y_b, (0,)) + x * diag[:, None]


def box_conv(dim):
    conv = torch.nn.Conv2d(dim, dim, 3, 1, 1, groups=dim)
    with torch.no_grad():
        conv.weight.fill_(1 / 9)
        conv.bias.zero_()
    return conv


def cas_phi(dim):
    """Sequential(SpatialOperation, ChannelOperation) with the parameter-free weights."""
    bn = torch.nn.BatchNorm2d(dim, eps=0.0).eval()                 # running mean 0, var 1: the identity
    to_one = torch.nn.Conv2d(dim, 1, 1, bias=False)
    chan = torch.nn.Conv2d(dim, dim, 1, bias=False)
    with torch.no_grad():
        to_one.weight.fill_(1 / dim)
        chan.weight.copy_(torch.eye(dim)[:, :, None, None])
    spatial = torch.nn.Sequential(box_conv(dim), bn, torch.nn.ReLU(), to_one, torch.nn.Sigmoid())
    channel = torch.nn.Sequential(torch.nn.AdaptiveAvgPool2d((1, 1)), chan, torch.nn.Sigmoid())
    return lambda u: (lambda s: s * channel(s))(u * spatial(u))


def cas_vit(q, k, v, H, W):
    dim = q.shape[1]
    img = lambda t: t.reshape(H, W, dim).permute(2, 0, 1)[None]
    with torch.no_grad():
        out = box_conv(dim)(box_conv(dim)(cas_phi(dim)(img(q)) + cas_phi(dim)(img(k))) * img(v))
    return out[0].permute(1, 2, 0).reshape(H * W, dim)


def main():
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(17)

    def rand(*shape, lo=-1.0, hi=1.0):
        return f32(lo + (hi - lo) * torch.rand(*shape, generator=g))

    # Mamba selective scan: L = 12, D = 3 channels, Ns = 4 states
    L, Dm, Ns = 12, 3, 4
    u, delta = rand(L, Dm), rand(L, Dm, lo=0.05, hi=0.8)
    A, B, C, D = rand(Dm, Ns, lo=-2.0, hi=-0.2), rand(L, Ns), rand(L, Ns), rand(Dm)
    for k, v in dict(u=u, delta=delta, A=A, B=B, C=C, D=D).items():
        save("mamba_" + k, v.float().numpy())
    save("mamba_y", selective_scan_ref(u, delta, A, B, C, D).numpy())

    # SSD (chunked, block 4) and Hydra: L = 16, P = 3, Ns = 5, scalar A per head
    L, P, Ns = 16, 3, 5
    x, dt_f, dt_b = rand(L, P), rand(L, lo=0.05, hi=0.5), rand(L, lo=0.05, hi=0.5)
    B_f, C_f, B_b, C_b, diag = rand(L, Ns), rand(L, Ns), rand(L, Ns), rand(L, Ns), rand(L, lo=0.5, hi=1.5)
    A = -0.7
    for k, v in dict(x=x, dt_f=dt_f, dt_b=dt_b, B_f=B_f, C_f=C_f, B_b=B_b, C_b=C_b, diag=diag).items():
        save("hydra_" + k, v.float().numpy())
    save("ssd_y", ssd_chunked(x * dt_f[:, None], A * dt_f, B_f, C_f, 4).numpy())
    save("hydra_y", hydra_ref(x, dt_f, dt_b, A, B_f, C_f, B_b, C_b, diag, 4).numpy())

    # DaViT channel attention, one group: N = 10 tokens, d = 8; q, k, v distinct
    N, d = 10, 8
    q, k, v = rand(N, d), rand(N, d), rand(N, d)
    attn = ((k * d ** -0.5).transpose(0, 1) @ v).softmax(-1)
    for name, t in dict(q=q, k=k, v=v).items():
        save("davit_" + name, t.float().numpy())
    save("davit_A", attn.numpy())
    save("davit_y", (attn @ q.transpose(0, 1)).transpose(0, 1).numpy())

    # UniFormer local: a 6x7 grid, 3 channels, uniform 5x5 depthwise kernel
    H, W, Cc = 6, 7, 3
    img = rand(H * W, Cc)
    conv = F.conv2d(img.reshape(H, W, Cc).permute(2, 0, 1)[None], torch.ones(Cc, 1, 5, 5) / 25, padding=2, groups=Cc)
    save("uniformer_x", img.float().numpy())
    save("uniformer_y", conv[0].permute(1, 2, 0).reshape(H * W, Cc).numpy())
    # CAS-ViT additive mixer: a 5x6 grid, 4 channels; q, k, v distinct
    H, W, Cc = 5, 6, 4
    cq, ck, cv = rand(H * W, Cc), rand(H * W, Cc), rand(H * W, Cc)
    for name, t in dict(q=cq, k=ck, v=cv).items():
        save("casvit_" + name, t.float().numpy())
    save("casvit_y", cas_vit(cq, ck, cv, H, W).numpy())

    # DLGSANet sparse GSA, one head: N = 12 tokens, d = 6
    gq, gk, gv = rand(12, 6), rand(12, 6), rand(12, 6)
    for name, t in dict(q=gq, k=gk, v=gv).items():
        save("gsa_" + name, t.float().numpy())
    qn = F.normalize(gq.transpose(0, 1), dim=-1)           # c x hw, unit rows
    kn = F.normalize(gk.transpose(0, 1), dim=-1)
    attn = torch.relu(qn @ kn.transpose(0, 1) * 1.0)
    save("gsa_A", attn.numpy())
    save("gsa_y", (attn @ gv.transpose(0, 1)).transpose(0, 1).numpy())
    print("goldens written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
