#!/usr/bin/python3
"""Golden mixing matrices for compute.zoo's attention-like mechanisms (ZooTorchGoldenTest).

Run with Debian's python (python3-torch 1.13, python3-numpy; nothing from pip):

    /usr/bin/python3 tools/zoo/make_zoo_goldens.py

For each case it draws seeded queries and keys (float32), runs the mechanism in PyTorch written the way
its reference code is (the file named beside each function; our own code, following the published
structure: window reshapes, AvgPool2d, rfft/irfft, Newton inverse, relative indices), with V = I so the
output is the mixing matrix M, in float64. Writes compute/src/test/resources/zoo/goldens/<case>/
{q.npy, k.npy, m.npy, meta.json}. Parameter-free versions as in ../shared/research/zoo.md (W = I).
Reruns give the same files.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "compute", "src", "test", "resources",
                   "zoo", "goldens")
torch.set_default_dtype(torch.float64)


def sigmoid_attention(q, k, rows, cols):
    # apple/ml-sigmoid-attention attention_simulator/.../layers/attention.py: attn = q*scale @ k^T,
    # attn*exp(attn_temp) + attn_bias with attn_temp = 0, attn_bias = -log(N), then sigmoid
    n, d = q.shape
    attn = (q * d ** -0.5) @ k.T
    attn = attn * math.exp(0.0) + (-math.log(n))
    return torch.sigmoid(attn) @ torch.eye(n)


def hilo_hifi(q, k, rows, cols, ws=2):
    # ziplab/LITv2 hilo.py HiLo.hifi, one head, W = I
    n, d = q.shape
    v = torch.eye(n)
    hg, wg = rows // ws, cols // ws

    def windows(t):
        c = t.shape[-1]
        return t.reshape(hg, ws, wg, ws, c).transpose(1, 2).reshape(hg * wg, ws * ws, c)

    attn = (windows(q) @ windows(k).transpose(-2, -1)) * d ** -0.5
    out = attn.softmax(dim=-1) @ windows(v)
    out = out.reshape(hg, wg, ws, ws, n).transpose(1, 2).reshape(rows * cols, n)
    return out


def hilo_lofi(q, k, rows, cols, ws=2):
    # ziplab/LITv2 hilo.py HiLo.lofi: keys and values from AvgPool2d(ws) of the tokens (W = I)
    n, d = q.shape
    v = torch.eye(n)
    pool = torch.nn.AvgPool2d(kernel_size=ws, stride=ws)

    def pooled(t):
        c = t.shape[-1]
        return pool(t.reshape(rows, cols, c).permute(2, 0, 1).unsqueeze(0)).reshape(c, -1).T

    attn = (q @ pooled(k).T) * d ** -0.5
    return attn.softmax(dim=-1) @ pooled(v)


def combiner_fixed(q, k, rows, cols, seg=4, causal=False):
    # google-research combiner/tf/approx_attention.py sqrt_fixed_full, mean pooling, one head;
    # the query is scaled by 1/sqrt(d) once, so every logit is scaled
    n, d = q.shape
    v = torch.eye(n)
    ns = n // seg
    query = q * d ** -0.5
    cur_q = query.reshape(ns, seg, d)
    cur_k = k.reshape(ns, seg, d)
    cur_v = v.reshape(ns, seg, n)
    merged_q = cur_q.mean(dim=1, keepdim=True)                       # (ns, 1, d)
    span_p = (merged_q @ cur_k.transpose(1, 2)).softmax(dim=-1)      # (ns, 1, seg)
    span_val = (span_p @ cur_v).squeeze(1)                           # (ns, n)
    span_key = cur_k.mean(dim=1)                                     # (ns, d)
    local = torch.einsum('sqd,skd->sqk', cur_q, cur_k)
    if causal:
        local = local + torch.triu(torch.full((seg, seg), -1e9), diagonal=1)
    prev = query @ span_key.T                                        # (n, ns)
    if causal:
        seg_of = torch.arange(n) // seg
        prev = prev + torch.where(torch.arange(ns)[None, :] < seg_of[:, None], 0.0, -1e9)
    joint = torch.cat([local.reshape(n, seg), prev], dim=-1).softmax(dim=-1)
    local_att, prev_att = joint[:, :seg], joint[:, seg:]
    local_merged = torch.einsum('sqk,skc->sqc', local_att.reshape(ns, seg, seg), cur_v).reshape(n, n)
    return local_merged + prev_att @ span_val


def soft(q, k, rows, cols, s=2, max_iter=20):
    # fudan-zvg/SOFT models/softmax_free_transformer.py: Q / d^(1/4), K = Q, landmarks (here AvgPool2d(s)
    # instead of the strided conv + LN + GELU), subtraction Gaussian kernel, Newton inverse
    n, d = q.shape
    v = torch.eye(n)
    Q = q / math.sqrt(math.sqrt(d))
    lm = torch.nn.AvgPool2d(s, s)(Q.reshape(rows, cols, d).permute(2, 0, 1).unsqueeze(0)).flatten(2)[0].T

    def kernel(a, b):  # subtraction_gaussian_kernel_torch(a, b^T)
        bt = b.T
        return (a ** 2) @ torch.ones(bt.shape) + torch.ones(a.shape) @ (bt ** 2) - 2 * (a @ bt)

    k1 = torch.exp(-kernel(Q, lm) / 2)
    k2 = torch.exp(-kernel(lm, lm) / 2)

    def newton_inv(mat):
        P = mat
        I = torch.eye(mat.size(-1))
        alpha = 2 / (torch.max(torch.sum(mat, dim=-1)) ** 2)
        V = alpha * P
        pnorm = torch.max(torch.sum(torch.abs(I - P @ V), dim=-2))
        err = 0
        while pnorm > 1.01 and err < 10:
            alpha *= 0.5
            V = alpha * P
            pnorm = torch.max(torch.sum(torch.abs(I - P @ V), dim=-2))
            err += 1
        for _ in range(max_iter):
            V = 2 * V - V @ P @ V
        return V

    return (k1 @ newton_inv(k2)) @ (k1.T @ v)


def autoformer(q, k, rows, cols, factor=1):
    # thuml/Autoformer layers/AutoCorrelation.py forward + time_delay_agg_inference, one head
    n, d = q.shape
    values = torch.eye(n).reshape(1, n, 1, n).permute(0, 2, 3, 1)      # B, H, E(=n), L
    qf = torch.fft.rfft(q.reshape(1, n, 1, d).permute(0, 2, 3, 1).contiguous(), dim=-1)
    kf = torch.fft.rfft(k.reshape(1, n, 1, d).permute(0, 2, 3, 1).contiguous(), dim=-1)
    corr = torch.fft.irfft(qf * torch.conj(kf), n=n, dim=-1)
    top_k = int(factor * math.log(n))
    mean_value = torch.mean(torch.mean(corr, dim=1), dim=1)
    weights, delay = torch.topk(mean_value, top_k, dim=-1)
    tmp_corr = torch.softmax(weights, dim=-1)
    init_index = torch.arange(n).reshape(1, 1, 1, n).repeat(1, 1, n, 1)
    tmp_values = values.repeat(1, 1, 1, 2)
    agg = torch.zeros_like(values)
    for i in range(top_k):
        pattern = torch.gather(tmp_values, dim=-1, index=init_index + delay[:, i].reshape(1, 1, 1, 1))
        agg = agg + pattern * tmp_corr[:, i].reshape(1, 1, 1, 1)
    return agg.permute(0, 3, 1, 2).reshape(n, n)                       # out[t, channel j] = M[t, j]


def _axis_attention(q, k, v, rows, cols, axis):
    # lucidrains/axial-attention: permute the attended axis last-but-one, fold the rest into the batch
    d = q.shape[-1]
    t = [x.reshape(rows, cols, x.shape[-1]) for x in (q, k, v)]
    if axis == 0:
        t = [x.transpose(0, 1) for x in t]
    qq, kk, vv = t
    out = ((qq @ kk.transpose(-2, -1)) * d ** -0.5).softmax(dim=-1) @ vv
    if axis == 0:
        out = out.transpose(0, 1)
    return out.reshape(rows * cols, -1)


def axial_sum(q, k, rows, cols):
    v = torch.eye(rows * cols)
    return _axis_attention(q, k, v, rows, cols, 1) + _axis_attention(q, k, v, rows, cols, 0)


def axial_stacked(q, k, rows, cols):
    v = torch.eye(rows * cols)
    return _axis_attention(q, k, _axis_attention(q, k, v, rows, cols, 1), rows, cols, 0)


def gpsa(q, k, rows, cols, gate_param=1.0, cx=1.0, cy=-1.0, locality=1.0):
    # facebookresearch/convit convit.py GPSA.get_rel_indices, local_init (one head at centre (cx, cy)),
    # get_attention
    n, d = q.shape
    img = int(n ** .5)
    assert img * img == n and rows == cols == img
    rel = torch.zeros(1, n, n, 3)
    ind = torch.arange(img).view(1, -1) - torch.arange(img).view(-1, 1)
    indx = ind.repeat(img, img)
    indy = ind.repeat_interleave(img, dim=0).repeat_interleave(img, dim=1)
    rel[:, :, :, 2] = (indx ** 2 + indy ** 2).unsqueeze(0)
    rel[:, :, :, 1] = indy.unsqueeze(0)
    rel[:, :, :, 0] = indx.unsqueeze(0)
    pos_proj = torch.nn.Linear(3, 1)
    with torch.no_grad():
        pos_proj.weight[0] = torch.tensor([2 * cx, 2 * cy, -1.0]) * locality
        pos_proj.bias.fill_(0.3)
    pos = pos_proj(rel).permute(0, 3, 1, 2)[0, 0].softmax(dim=-1)
    patch = ((q @ k.T) * d ** -0.5).softmax(dim=-1)
    g = torch.sigmoid(torch.tensor(gate_param))
    attn = (1. - g) * patch + g * pos
    attn = attn / attn.sum(dim=-1, keepdim=True)
    return attn.detach() @ torch.eye(n)


def combiner_axial(q, k, rows, cols, seg=4):
    # google-research combiner/tf/approx_attention.py axial_rowmajor, row_summary 'wsum', causal=False
    n, d = q.shape
    v = torch.eye(n)
    ns = n // seg
    qr = (q * d ** -0.5).reshape(ns, seg, d)
    kr = k.reshape(ns, seg, d)
    vr = v.reshape(ns, seg, n)
    local_logits = torch.einsum('sqd,skd->sqk', qr, kr)
    row_probs = local_logits.softmax(dim=-1)
    row_attn_out = torch.einsum('sqk,skc->sqc', row_probs, vr)
    key_row = torch.einsum('sqk,skd->sqd', row_probs, kr)
    global_logits = torch.einsum('qld,kld->qlk', qr, key_row)
    joint = torch.cat([local_logits, global_logits], dim=-1).softmax(dim=-1)
    local_att, global_att = joint[..., :seg], joint[..., seg:]
    local_merged = torch.einsum('sqk,skc->sqc', local_att, vr)
    global_merged = torch.einsum('qlv,vlc->qlc', global_att, row_attn_out)
    return (local_merged + global_merged).reshape(n, n)


def _ppma_masks(rows, cols, a):
    # zhongchenzhao/PPMA models/PPMA.py PathEmbeding2D.generate_structed_mask_1d with dt_linear = 0:
    # every step decays by dt*A = -a
    def segsum(length):
        x = torch.full((length,), -a)
        c = torch.cumsum(x, dim=-1)
        tril = (c[:, None] - c[None, :]).masked_fill(~torch.tril(torch.ones(length, length, dtype=bool)), 0.0)
        triu = (c[None, :] - c[:, None]).masked_fill(~torch.triu(torch.ones(length, length, dtype=bool), 1), 0.0)
        return tril + triu
    return segsum(cols), segsum(rows)


def ppma_full(q, k, rows, cols, a=0.1):
    # MambaAttentionAllDouble: mask[(h1,w1),(h2,w2)] = L_w^{row h1}[w1,w2] + L_h^{col w2}[h1,h2];
    # 0.5 softmax(S + L) + 0.5 softmax(S + L^T); no RoPE, no LePE (parameter-free)
    n, d = q.shape
    mw, mh = _ppma_masks(rows, cols, a)
    mask = (mw[None, None, :, :] + mh[:, :, None, None]).permute(0, 2, 1, 3).reshape(n, n)
    s = q @ (k * d ** -0.5).T
    return 0.5 * torch.softmax(s + mask, -1) + 0.5 * torch.softmax(s + mask.T, -1)


def ppma_chunk(q, k, rows, cols, a=0.1):
    # MambaAttentionChunkDouble: row softmax with L_w, column softmax with L_h, 0.5 (A_h A_w V + A_w A_h V)
    n, d = q.shape
    mw, mh = _ppma_masks(rows, cols, a)
    v = torch.eye(n).reshape(rows, cols, n)
    qq = q.reshape(rows, cols, d)
    kk = (k * d ** -0.5).reshape(rows, cols, d)
    aw = torch.softmax(qq @ kk.transpose(-1, -2) + mw, -1)                                  # (rows, cols, cols)
    ah = torch.softmax(qq.transpose(0, 1) @ kk.transpose(0, 1).transpose(-1, -2) + mh, -1)  # (cols, rows, rows)
    vw = (aw @ v).transpose(0, 1)                   # (cols, rows, n)
    out1 = (ah @ vw).transpose(0, 1)                # (rows, cols, n)
    vh = (ah @ v.transpose(0, 1)).transpose(0, 1)   # (rows, cols, n)
    out2 = aw @ vh
    return (0.5 * out1 + 0.5 * out2).reshape(n, n)


MASK64 = (1 << 64) - 1


class JavaSplittableRandom:
    """java.util.SplittableRandom(seed): SplitMix64 with the golden gamma; nextInt(bound) as in the JDK
    (RandomSupport.boundedNextInt), so the routing case starts from the same centroid tokens as the Java."""

    def __init__(self, seed):
        self.seed = seed & MASK64

    def _next_int(self):
        self.seed = (self.seed + 0x9e3779b97f4a7c15) & MASK64
        z = self.seed
        z = ((z ^ (z >> 33)) * 0x62a9d9ed799705f5) & MASK64
        z = (((z ^ (z >> 28)) * 0xcb24d0a5c88c35b3) & MASK64) >> 32
        return z - (1 << 32) if z >= 1 << 31 else z                  # (int) cast

    def next_int(self, bound):
        r = self._next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xffffffff) >> 1                                      # r >>> 1
        while True:
            r = u % bound
            t = (u + m - r) & 0xffffffff                               # int overflow: u + m - r < 0
            if t < 1 << 31:
                return r
            u = (self._next_int() & 0xffffffff) >> 1


def routing_assign(q, clusters, iterations, seed):
    # google-research routing_transformer/utils.py: layer norm (no scale) then unit vectors; spherical
    # k-means (Lloyd steps, centroids = normalised cluster sums; an empty cluster keeps its centroid),
    # first centroids = the first k tokens of a Fisher-Yates shuffle by java.util.SplittableRandom(seed)
    n, d = q.shape
    x = F.layer_norm(q, (d,), eps=1e-6)
    x = x / x.norm(dim=-1, keepdim=True)
    order = list(range(n))
    rnd = JavaSplittableRandom(seed)
    for i in range(n - 1, 0, -1):
        j = rnd.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    cent = x[order[:clusters]].clone()
    assign = None
    for _ in range(iterations):
        assign = (x @ cent.T).argmax(dim=-1)
        for c in range(clusters):
            members = assign == c
            if members.any():
                s = x[members].sum(dim=0)
                cent[c] = s / s.norm()
    return assign


def routing(q, k, rows, cols, clusters=4, iterations=10, seed=0):
    # softmax of q·k/√d inside each token's cluster (shared QK routing), 0 elsewhere
    n, d = q.shape
    assign = routing_assign(q, clusters, iterations, seed)
    same = assign[:, None] == assign[None, :]
    s = ((q @ k.T) * d ** -0.5).masked_fill(~same, float("-inf"))
    return s.softmax(dim=-1)


def sparsifiner(q, k, rows, cols, keep=0.25):
    # lim142857/Sparsifiner sparsifiner.py: softmax over the kept connectivity mask; the oracle mask is the
    # top-⌈keep·N⌉ of the exact logits per row
    n, d = q.shape
    s = (q @ k.T) * d ** -0.5
    top = s.topk(math.ceil(keep * n), dim=-1).indices
    mask = torch.zeros(n, n, dtype=torch.bool).scatter_(1, top, True)
    return s.masked_fill(~mask, float("-inf")).softmax(dim=-1)


def gcvit_global(q, k, rows, cols, ws=3):
    # NVlabs/GCVit gc_vit.py WindowAttentionGlobal (intended layout): ws×ws windows (ragged at the edges),
    # keys/values the window's own, queries the ws² global queries (adaptive max-pool of Q to ws×ws),
    # window token (r, c) uses global query (r, c)
    n, d = q.shape
    qg = F.adaptive_max_pool2d(q.T.reshape(1, d, rows, cols), ws).reshape(d, ws * ws).T
    m = torch.zeros(n, n)
    for r0 in range(0, rows, ws):
        for c0 in range(0, cols, ws):
            idx = [r * cols + c for r in range(r0, min(rows, r0 + ws)) for c in range(c0, min(cols, c0 + ws))]
            loc = [(r - r0) * ws + (c - c0) for r in range(r0, min(rows, r0 + ws))
                   for c in range(c0, min(cols, c0 + ws))]
            a = ((qg[loc] @ k[idx].T) * d ** -0.5).softmax(dim=-1)
            m[torch.tensor(idx)[:, None], torch.tensor(idx)[None, :]] = a
    return m


def linformer(q, k, rows, cols):
    # fairseq examples/linformer multihead_linear_attention.py: K and V projected along the sequence by
    # E, F (k×N); here E = F = adaptive mean pooling to k = min(256, ⌈N/4⌉) segments
    n, d = q.shape
    kk = min(256, -(-n // 4))
    pool = lambda t: F.adaptive_avg_pool1d(t.T.unsqueeze(0), kk)[0].T   # (kk, c)
    a = ((q @ pool(k).T) * d ** -0.5).softmax(dim=-1)
    return a @ pool(torch.eye(n))


def lean(q, k, rows, cols):
    # microsoft/onnxruntime lean_attention computes exact softmax attention; the stream-K split only
    # changes the order of the work, so the reference is plain softmax
    n, d = q.shape
    return ((q @ k.T) * d ** -0.5).softmax(dim=-1)


CASES = [
    # name, function, rows, cols, d, seed, params (the Java side builds the mixer from them)
    ("sigmoid", sigmoid_attention, 1, 12, 8, 1, {}),
    ("hilo-hifi", hilo_hifi, 4, 6, 8, 2, {"window": 2}),
    ("hilo-lofi", hilo_lofi, 4, 6, 8, 3, {"window": 2}),
    ("combiner-fixed", combiner_fixed, 1, 16, 8, 4, {"segment": 4, "causal": False}),
    ("combiner-fixed-causal", lambda q, k, r, c: combiner_fixed(q, k, r, c, causal=True), 1, 16, 8, 5,
     {"segment": 4, "causal": True}),
    ("soft", soft, 4, 4, 8, 6, {"pool": 2}),
    ("autoformer", autoformer, 1, 20, 4, 7, {"factor": 1}),
    ("axial-sum", axial_sum, 4, 5, 8, 8, {}),
    ("axial-stacked", axial_stacked, 4, 5, 8, 9, {}),
    ("convit-gpsa", gpsa, 4, 4, 8, 10, {"gate": 1 / (1 + math.exp(-1.0)), "centreX": 1.0, "centreY": -1.0,
                                        "locality": 1.0}),
    ("combiner-axial", combiner_axial, 1, 16, 8, 11, {"segment": 4}),
    ("ppma", ppma_full, 4, 5, 8, 12, {"decay": 0.1}),
    ("ppma-chunk", ppma_chunk, 4, 5, 8, 13, {"decay": 0.1}),
    ("routing", routing, 4, 5, 8, 14, {"clusters": 4, "iterations": 10, "seed": 0}),
    ("sparsifiner", sparsifiner, 4, 5, 8, 15, {"keep": 0.25}),
    ("gcvit-global", gcvit_global, 5, 7, 8, 16, {"window": 3}),
    ("linformer", linformer, 1, 22, 8, 17, {}),
    ("lean", lean, 5, 6, 8, 18, {"tile": 0, "workers": 7}),
]


def main():
    for name, fn, rows, cols, d, seed, params in CASES:
        rng = np.random.default_rng(seed)
        n = rows * cols
        q = rng.standard_normal((n, d)).astype(np.float32)
        k = rng.standard_normal((n, d)).astype(np.float32)
        m = fn(torch.from_numpy(q.astype(np.float64)), torch.from_numpy(k.astype(np.float64)), rows, cols)
        folder = os.path.join(OUT, name)
        os.makedirs(folder, exist_ok=True)
        np.save(os.path.join(folder, "q.npy"), q)
        np.save(os.path.join(folder, "k.npy"), k)
        np.save(os.path.join(folder, "m.npy"), m.detach().numpy().astype(np.float64))
        if name == "routing":  # the k-means step on its own: the cluster of every token
            a = routing_assign(torch.from_numpy(q.astype(np.float64)), params["clusters"], params["iterations"],
                               params["seed"])
            np.save(os.path.join(folder, "assign.npy"), a.numpy().astype(np.float64))
        with open(os.path.join(folder, "meta.json"), "w") as f:
            json.dump({"mechanism": name, "rows": rows, "cols": cols, "d": d, "seed": seed, "params": params,
                       "torch": torch.__version__}, f, indent=1, sort_keys=True)
        print(name, n, "tokens, row sums", float(m.sum(1).min()), "..", float(m.sum(1).max()))


if __name__ == "__main__":
    main()
