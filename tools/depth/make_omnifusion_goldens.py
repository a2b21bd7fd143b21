#!/usr/bin/python3
"""Golden checkpoint and reference ERP depth for compute.models.omnifusion (OmniFusion, CVPR 2022).

Run with Debian's interpreter (python3-torch 1.13, numpy 1.24):

    /usr/bin/python3 tools/depth/make_omnifusion_goldens.py            # the committed goldens
    /usr/bin/python3 tools/depth/make_omnifusion_goldens.py --full /tmp/omnifusion_full.pth
        # real widths, random weights, plus /tmp/omnifusion_full_erp.npy and _depth_iter2.npy (64×128 ERP,
        # 2 iterations): ~85 MB, not committed; OmniFusionFullSizeTest uses them when given the path

A faithful re-implementation (read, not copied) of yuyanli0831/OmniFusion at commit 1cd8b25:
model/spherical_model_iterative.py (spherical_fusion.forward, ConvBnReLU_v2, Transformer_cascade),
model/blocks.py (Transformer_Block, Attention with q and kv Linear without bias, Mlp), torchvision's
ResNet-34 after its convert_conv/convert_bn (every Conv2d becomes Conv3d with kernel (k, k, 1), so the
patches are a batch along the last axis), equi_pers/equi2pers_v3.py and pers2equi_v3.py (grid_sample
align_corners=True + border, the half-open pixel mapping and clamped corners of pers2equi).
The original computes its sampling grids and merge weights in float32; here they are float64 (the network
stays float32), so the goldens hold the formula rather than float32's rounding of it: in float32 a patch's
last-column weight (u − 127, u ≈ 127.015) carries ~5e-5 px of rounding, which moved 3 of 2048 ERP pixels
by up to 1.3e-4 against the double-precision Java (the rest agreed to ~1e-7 median, 4e-6 p99).
Module and parameter names mirror the original, so state_dict() has the real checkpoint's keys; the
file is saved with DataParallel's 'module.' prefix as train/test.py save and load it.

Widths: the original hard-codes ResNet-34 (64/128/256/512), a 512-wide transformer, 512//16 = 32 channels
in down1 and its decoder widths. A full-width checkpoint is ~85 MB, so the committed golden divides every
width by 16 (ResNet 4/8/16/32, transformer 32 wide, down1 2 channels, decoder 16/8/8/4/4/4/4/2/2,
mlp_points hidden 4 instead of 16/16 = 1). The structure is the original's: ResNet-34's 3/4/6/3 blocks,
strides, 4 heads, 6 blocks, mlp ratio 4; the token is down1's channels × layer4's h×w = layer4's channels,
so with the original ratio (down1 = C4/16) layer4 is 4×4 and the patch is 128×128 at every width
(32·4·4 = 512 at full width). The ERP is 32×64 (the net upsamples it into 18 patches of 128²); at the real
size 512×1024 everything scales the same way (same patches, ERP sampling and merge at 512×1024).

Writes compute/src/test/resources/goldens/omnifusion/:
  omnifusion_w16.pth        the checkpoint ('module.' keys), BatchNorm with non-trivial running stats
  erp_rgb.npy               input [3, 32, 64] float32 in [0, 1] (the channel order the net was given)
  depth_iter1.npy / depth_iter2.npy          forward(iter=1/2, confidence=False)[-1][0, 0] (test.py)
  depth_conf_iter1.npy / depth_conf_iter2.npy  forward(iter=1/2, confidence=True)[-1][0, 0]
  bad_npatches_wrapped.pth  {'state_dict': {'module.transformer.pos_emb': [1, 17, 32]}} (a bad file)
"""
import argparse
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_grad_enabled(False)
torch.set_num_threads(1)

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "compute", "src", "test", "resources", "goldens", "omnifusion")

LAYOUTS = {  # nrows -> (columns per row, latitude centres of equi2pers, latitude centres of pers2equi)
    3: ([3, 4, 3], [-60, 0, 60], [-59.6, 0, 59.6]),
    4: ([3, 6, 6, 3], [-67.5, -22.5, 22.5, 67.5], [-67.5, -22.5, 22.5, 67.5]),
    5: ([3, 6, 8, 6, 3], [-72.2, -36.1, 0, 36.1, 72.2], [-72.2, -36.1, 0, 36.1, 72.2]),
    6: ([3, 8, 12, 12, 8, 3], [-75.2, -45.93, -15.72, 15.72, 45.93, 75.2],
        [-75.2, -45.93, -15.72, 15.72, 45.93, 75.2]),
}


def centres(nrows, for_merge):
    cols, lat_e2p, lat_p2e = LAYOUTS[nrows]
    lats = lat_p2e if for_merge else lat_e2p
    out = []
    for i, n in enumerate(cols):
        for j in range(n):
            out.append([(j + 0.5) * 360 / n, lats[i]])
    c = torch.tensor(out, dtype=torch.float64)
    c[:, 0] = c[:, 0] / 360
    c[:, 1] = (c[:, 1] + 90) / 180
    c = c * 2 - 1
    c[:, 0] = c[:, 0] * math.pi
    c[:, 1] = c[:, 1] * (math.pi / 2)
    return c  # [n, 2] (lon0, lat0) radians


def equi2pers(erp, fov, nrows, size):
    """ERP [B, C, H, W] -> patches [B, C, size, size, n] and unit-sphere xyz [n, 3, size, size]."""
    bs = erp.shape[0]
    cp = centres(nrows, False).unsqueeze(1)
    lin = torch.linspace(0, 1, size, dtype=torch.float64)
    yy, xx = torch.meshgrid(lin, lin, indexing="ij")
    s = torch.stack([xx.flatten(), yy.flatten()], -1) * 2 - 1
    s[:, 0] = s[:, 0] * math.pi
    s[:, 1] = s[:, 1] * (math.pi / 2)
    s = s * torch.tensor([fov / 360.0, fov / 180.0], dtype=torch.float64)
    x = s[:, 0].unsqueeze(0).repeat(cp.shape[0], 1)
    y = s[:, 1].unsqueeze(0).repeat(cp.shape[0], 1)
    rho = torch.sqrt(x ** 2 + y ** 2)
    c = torch.atan(rho)
    lat = torch.asin(torch.cos(c) * torch.sin(cp[:, :, 1]) + y * torch.sin(c) * torch.cos(cp[:, :, 1]) / rho)
    lon = cp[:, :, 0] + torch.atan2(x * torch.sin(c),
                                    rho * torch.cos(cp[:, :, 1]) * torch.cos(c) - y * torch.sin(cp[:, :, 1]) * torch.sin(c))
    u = lon / math.pi
    v = lat / (math.pi / 2)
    u[u > 1] -= 2
    u[u < -1] += 2
    n = cp.shape[0]
    gu = u.view(n, size, size).permute(1, 0, 2).reshape(size, n * size)
    gv = v.view(n, size, size).permute(1, 0, 2).reshape(size, n * size)
    grid = torch.stack([gu, gv], -1).unsqueeze(0).repeat(bs, 1, 1, 1).to(erp.dtype)
    pers = F.grid_sample(erp, grid, mode="bilinear", padding_mode="border", align_corners=True)
    pers = pers.view(bs, -1, size, n, size).permute(0, 1, 2, 4, 3)  # = unfold + reshape of the original
    lon_n, lat_n = lon.numpy(), lat.numpy()
    xyz = np.stack([np.cos(lat_n) * np.sin(lon_n), np.cos(lat_n) * np.cos(lon_n), np.sin(lat_n)], -1).astype(np.float32)
    xyz = torch.from_numpy(xyz.reshape(n, size, size, 3).transpose(0, 3, 1, 2).copy())
    return pers.contiguous(), xyz


def pers2equi(pers, fov, nrows, size, erp_h, erp_w):
    """Patches [B, C, size, size, n] -> ERP [B, C, H, W] (pers2equi_v3: L1-normalised corner weights)."""
    cp = centres(nrows, True).unsqueeze(1)
    n = cp.shape[0]
    lat_g, lon_g = torch.meshgrid(torch.linspace(-math.pi / 2, math.pi / 2, erp_h, dtype=torch.float64),
                                  torch.linspace(-math.pi, math.pi, erp_w, dtype=torch.float64), indexing="ij")
    lon_g = lon_g.reshape(1, -1)
    lat_g = lat_g.reshape(1, -1)
    cos_c = torch.sin(cp[..., 1]) * torch.sin(lat_g) + torch.cos(cp[..., 1]) * torch.cos(lat_g) * torch.cos(lon_g - cp[..., 0])
    gx = torch.cos(lat_g) * torch.sin(lon_g - cp[..., 0]) / cos_c
    gy = (torch.cos(cp[..., 1]) * torch.sin(lat_g) - torch.sin(cp[..., 1]) * torch.cos(lat_g) * torch.cos(lon_g - cp[..., 0])) / cos_c
    gx = gx / (fov / 360.0) / math.pi
    gy = gy / (fov / 180.0) / (math.pi / 2)
    front = (cos_c.reshape(n, erp_h, erp_w) > 0).int()
    px = ((gx + 1) * 0.5 * size).reshape(n, erp_h, erp_w)
    py = ((gy + 1) * 0.5 * size).reshape(n, erp_h, erp_w)
    mask = ((px < size) & (px > 0) & (py < size) & (py > 0)).int() * front
    x0 = torch.floor(px).long()
    y0 = torch.floor(py).long()
    x1 = torch.clamp(x0 + 1, 0, size - 1)
    y1 = torch.clamp(y0 + 1, 0, size - 1)
    x0 = torch.clamp(x0, 0, size - 1)
    y0 = torch.clamp(y0, 0, size - 1)
    w = torch.stack([(x1 - px) * (y1 - py), (x1 - px) * (py - y0), (px - x0) * (y1 - py), (px - x0) * (py - y0)], -1)
    w = w * mask.unsqueeze(-1)
    z = torch.arange(n).reshape(n, 1, 1)
    corners = [pers[:, :, y0, x0, z], pers[:, :, y1, x0, z], pers[:, :, y0, x1, z], pers[:, :, y1, x1, z]]
    corners = [(t * mask).permute(0, 1, 3, 4, 2) for t in corners]  # [B, C, H, W, n]
    w = w.permute(1, 2, 0, 3).flatten(2)
    w = w * (w > 1e-5)
    w = F.normalize(w, p=1, dim=-1).reshape(erp_h, erp_w, n, 4).float()
    out = sum(corners[k] * w[..., k] for k in range(4))
    return out.sum(-1)


def conv3d(cin, cout, k, stride=1, pad=None, bias=False):
    pad = k // 2 if pad is None else pad
    return nn.Conv3d(cin, cout, (k, k, 1), stride=(stride, stride, 1), padding=(pad, pad, 0), bias=bias)


class ConvBnReLU_v2(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = conv3d(cin, cout, 3)
        self.bn = nn.BatchNorm3d(cout)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class BasicBlock(nn.Module):  # torchvision's, after convert_conv / convert_bn
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv3d(cin, cout, 3, stride)
        self.bn1 = nn.BatchNorm3d(cout)
        self.conv2 = conv3d(cout, cout, 3)
        self.bn2 = nn.BatchNorm3d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(conv3d(cin, cout, 1, stride, 0), nn.BatchNorm3d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


def res_layer(cin, cout, blocks, stride):
    return nn.Sequential(*[BasicBlock(cin if i == 0 else cout, cout, stride if i == 0 else 1) for i in range(blocks)])


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.q = nn.Linear(dim, dim, bias=False)
        self.kv = nn.Linear(dim, dim * 2, bias=False)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, c = x.shape
        q = self.q(x).reshape(b, n, self.heads, c // self.heads).permute(0, 2, 1, 3)
        kv = self.kv(x).reshape(b, -1, 2, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        attn = ((q @ kv[0].transpose(-2, -1)) * self.scale).softmax(dim=-1)
        return self.proj((attn @ kv[1]).transpose(1, 2).reshape(b, n, c))


class Transformer_Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = Mlp(dim, dim * 4)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class Transformer_cascade(nn.Module):
    def __init__(self, dim, npatches, depth=6, heads=4):
        super().__init__()
        self.layer = nn.ModuleList([Transformer_Block(dim, heads) for _ in range(depth)])
        self.encoder_norm = nn.LayerNorm(dim, eps=1e-6)
        self.pos_emb = nn.Parameter(torch.zeros(1, npatches, dim))

    def forward(self, x):
        x = x + self.pos_emb
        for blk in self.layer:
            x = blk(x)
        return self.encoder_norm(x)


def point_mlp(hidden, cout):
    return nn.Sequential(nn.Conv2d(3, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU(),
                         nn.Conv2d(hidden, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class spherical_fusion(nn.Module):
    def __init__(self, nrows=4, npatches=18, patch=128, fov=80.0, div=1, mlp_hidden=16):
        super().__init__()
        self.nrows, self.npatches, self.patch, self.fov = nrows, npatches, patch, fov
        w = [64 // div, 128 // div, 256 // div, 512 // div]
        self.conv1 = conv3d(3, w[0], 7, 2, 3)
        self.bn1 = nn.BatchNorm3d(w[0])
        self.layer1 = res_layer(w[0], w[0], 3, 1)
        self.layer2 = res_layer(w[0], w[1], 4, 2)
        self.layer3 = res_layer(w[1], w[2], 6, 2)
        self.layer4 = res_layer(w[2], w[3], 3, 2)
        self.down1 = nn.Conv3d(w[3], w[3] // 16, 1, bias=True)
        self.transformer = Transformer_cascade(w[3], npatches)
        d = lambda c: c // div  # noqa: E731
        self.de_conv0_0 = ConvBnReLU_v2(w[3], d(256))
        self.de_conv0_1 = ConvBnReLU_v2(d(256) + w[2], d(128))
        self.de_conv1_0 = ConvBnReLU_v2(d(128), d(128))
        self.de_conv1_1 = ConvBnReLU_v2(d(128) + w[1], d(64))
        self.de_conv2_0 = ConvBnReLU_v2(d(64), d(64))
        self.de_conv2_1 = ConvBnReLU_v2(d(64) + w[0], d(64))
        self.de_conv3_0 = ConvBnReLU_v2(d(64), d(64))
        self.de_conv3_1 = ConvBnReLU_v2(d(64) + w[0], d(32))
        self.de_conv4_0 = ConvBnReLU_v2(d(32), d(32))
        self.pred = conv3d(d(32), 1, 3, bias=True)
        self.weight_pred = conv3d(d(32), 1, 3, bias=True)
        self.mlp_points1 = point_mlp(mlp_hidden, w[0])
        self.mlp_points2 = point_mlp(mlp_hidden, w[0])

    @staticmethod
    def up(x, like_h, like_w):
        """[B, C, h, w, n] -> bilinear (align_corners=False) per patch -> [B, C, H, W, n]."""
        b, c, h, w, n = x.shape
        y = x.permute(0, 4, 1, 2, 3).reshape(b * n, c, h, w)
        y = F.interpolate(y, size=(like_h, like_w), mode="bilinear", align_corners=False)
        return y.reshape(b, n, c, like_h, like_w).permute(0, 2, 3, 4, 1)

    def once(self, patches, point_feat, erp_h, erp_w, confidence):
        bs = patches.shape[0]
        n = self.npatches
        conv1 = F.relu(self.bn1(self.conv1(patches)))
        pool = F.max_pool3d(conv1, kernel_size=(3, 3, 1), stride=(2, 2, 1), padding=(1, 1, 0))
        layer1 = self.layer1(pool) + point_feat
        layer2 = self.layer2(layer1)
        layer3 = self.layer3(layer2)
        layer4 = self.layer4(layer3)
        tokens = self.down1(layer4).reshape(bs, -1, n).transpose(1, 2)
        tokens = self.transformer(tokens)
        layer4 = layer4 + tokens.transpose(1, 2).reshape(bs, -1, 1, 1, n)
        x = self.de_conv0_1(torch.cat([self.de_conv0_0(self.up(layer4, *layer3.shape[2:4])), layer3], 1))
        x = self.de_conv1_1(torch.cat([self.de_conv1_0(self.up(x, *layer2.shape[2:4])), layer2], 1))
        x = self.de_conv2_1(torch.cat([self.de_conv2_0(self.up(x, *layer1.shape[2:4])), layer1], 1))
        x = self.de_conv3_1(torch.cat([self.de_conv3_0(self.up(x, *conv1.shape[2:4])), conv1], 1))
        x = self.de_conv4_0(self.up(x, self.patch, self.patch))
        pred = F.relu(self.pred(x))
        if not confidence:
            return pers2equi(pred, self.fov, self.nrows, self.patch, erp_h, erp_w), None
        weight = torch.sigmoid(self.weight_pred(x))
        pred = pred * weight
        weight = pers2equi(weight, self.fov, self.nrows, self.patch, erp_h, erp_w)
        zero = (weight <= 1e-8).float()
        pred = pers2equi(pred, self.fov, self.nrows, self.patch, erp_h, erp_w)
        return pred / (weight + 1e-8 * zero), weight

    def forward(self, erp, iters, confidence=False):
        bs, _, erp_h, erp_w = erp.shape
        p, q = self.patch, self.patch // 4
        patches, _ = equi2pers(erp, self.fov, self.nrows, p)
        _, xyz = equi2pers(erp, self.fov, self.nrows, q)
        feat = self.mlp_points1(xyz).permute(1, 2, 3, 0).unsqueeze(0)
        out = [self.once(patches, feat, erp_h, erp_w, confidence)]
        for i in range(iters - 1):
            depth, _ = equi2pers(out[i][0], self.fov, self.nrows, q)
            pts = xyz.permute(1, 2, 3, 0).unsqueeze(0) * depth  # [B, 3, q, q, n]
            pts = pts.permute(0, 4, 1, 2, 3).reshape(bs * self.npatches, 3, q, q)
            feat = self.mlp_points2(pts).reshape(bs, self.npatches, -1, q, q).permute(0, 2, 3, 4, 1)
            out.append(self.once(patches, feat, erp_h, erp_w, confidence))
        return out


def randomise(model, gen):
    """Small random weights with the default init's scale; BatchNorm gets non-trivial running stats."""
    for name, m in model.named_modules():
        if isinstance(m, (nn.BatchNorm2d, nn.BatchNorm3d)):
            c = m.num_features
            m.weight.copy_(0.6 + 0.5 * torch.rand(c, generator=gen))
            m.bias.copy_(0.05 + 0.1 * torch.randn(c, generator=gen))
            m.running_mean.copy_(0.1 * torch.randn(c, generator=gen))
            m.running_var.copy_(0.6 + 0.8 * torch.rand(c, generator=gen))
            m.num_batches_tracked.fill_(1000)
        elif isinstance(m, (nn.Conv2d, nn.Conv3d, nn.Linear)):
            fan_in = m.weight[0].numel()
            m.weight.copy_(torch.randn(m.weight.shape, generator=gen) * math.sqrt(2.0 / fan_in))
            if m.bias is not None:
                m.bias.copy_(0.05 * torch.randn(m.bias.shape, generator=gen))
        elif isinstance(m, nn.LayerNorm):
            m.weight.copy_(1 + 0.1 * torch.randn(m.weight.shape, generator=gen))
            m.bias.copy_(0.05 * torch.randn(m.bias.shape, generator=gen))
    model.transformer.pos_emb.copy_(0.02 * torch.randn(model.transformer.pos_emb.shape, generator=gen))
    # The narrow decoder's last layers carry little signal: scale both heads so depth (around 1.5 m, not
    # clipped by the ReLU) and confidence vary visibly across the panorama and between iterations.
    model.pred.weight.mul_(20)
    model.pred.bias.fill_(1.5)
    model.weight_pred.weight.mul_(20)
    model.eval()


def state_dict_as_saved(model):
    """As train_erp_depth_iterative.py saves it: nn.DataParallel's state_dict ('module.' prefix)."""
    return {"module." + k: v.clone() for k, v in model.state_dict().items()}


def test_erp(h, w):
    """A smooth, deterministic ERP in [0, 1]: different per channel, with a seam-crossing pattern."""
    yy, xx = np.meshgrid(np.linspace(0, 1, h), np.linspace(0, 1, w), indexing="ij")
    rgb = np.stack([0.5 + 0.4 * np.sin(2 * np.pi * xx + 3 * yy),
                    0.5 + 0.4 * np.cos(4 * np.pi * yy) * np.cos(2 * np.pi * xx),
                    0.3 + 0.6 * yy * (0.5 + 0.5 * np.sin(6 * np.pi * xx))])
    return rgb.astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--full", help="also write a full-width random checkpoint here (for timing; not committed)")
    args = ap.parse_args()
    gen = torch.Generator().manual_seed(15)
    if args.full:
        model = spherical_fusion(div=1, mlp_hidden=16)
        randomise(model, gen)
        torch.save(state_dict_as_saved(model), args.full)
        # and a reference at full width on a small ERP, for a one-off check of the real widths
        erp = test_erp(64, 128)
        stem = os.path.splitext(args.full)[0]
        np.save(stem + "_erp.npy", erp)
        outs = model(torch.from_numpy(erp).unsqueeze(0), 2)
        np.save(stem + "_depth_iter2.npy", outs[-1][0][0, 0].numpy().astype(np.float32))
        print("wrote", args.full, "and", stem + "_erp.npy,", stem + "_depth_iter2.npy")
        return
    os.makedirs(OUT, exist_ok=True)
    model = spherical_fusion(div=16, mlp_hidden=4)
    randomise(model, gen)
    torch.save(state_dict_as_saved(model), os.path.join(OUT, "omnifusion_w16.pth"))
    erp = test_erp(32, 64)
    np.save(os.path.join(OUT, "erp_rgb.npy"), erp)
    x = torch.from_numpy(erp).unsqueeze(0)
    for conf in (False, True):
        outs = model(x, 2, confidence=conf)
        one = model(x, 1, confidence=conf)
        assert torch.equal(one[0][0], outs[0][0])
        for it, (depth, weight) in enumerate(outs, 1):
            tag = "depth_conf" if conf else "depth"
            np.save(os.path.join(OUT, f"{tag}_iter{it}.npy"), depth[0, 0].numpy().astype(np.float32))
            print(tag, it, "min %.4f max %.4f mean %.4f zeros %d" % (depth.min(), depth.max(), depth.mean(),
                                                                     int((depth == 0).sum())))
    bad = {"state_dict": {"module.transformer.pos_emb": torch.zeros(1, 17, 32)}}
    torch.save(bad, os.path.join(OUT, "bad_npatches_wrapped.pth"))
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print("wrote", OUT, total, "bytes")


if __name__ == "__main__":
    sys.exit(main())
