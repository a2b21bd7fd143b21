#!/usr/bin/python3
"""Golden checkpoints and reference depth for Depth Anything V2 in both checkpoint layouts.

Run with the Debian interpreter (torch 1.13, numpy, PIL, python3-opencv 4.6):
    /usr/bin/python3 tools/depth/make_depth_anything_goldens.py

transformers and the Depth-Anything-V2 repo cannot be installed here, so both forwards are
re-implemented below in PyTorch with the original module and parameter names (state_dict() gives the
real checkpoint keys) and the original arithmetic order. Sources read (not copied), as summarised in
../shared/research/depth360.md section 3:
  HF    transformers models/depth_anything/modeling_depth_anything.py (DepthAnythingReassembleStage,
        DepthAnythingNeck, DepthAnythingFeatureFusionStage/Layer, DepthAnythingDepthEstimationHead),
        models/dinov2/modeling_dinov2.py (Dinov2Embeddings.interpolate_pos_encoding with size=,
        layer_scale1/2, Dinov2Backbone apply_layernorm), models/dpt/image_processing_dpt.py
        (get_resize_output_image_size "scale as little as possible", PIL bicubic, post-process bicubic)
  orig  DepthAnything/Depth-Anything-V2 depth_anything_v2/dpt.py (DPTHead, DepthAnythingV2.forward,
        image2tensor, infer_image), depth_anything_v2/dinov2.py (interpolate_pos_encoding with
        interpolate_offset 0.1 and scale_factor), depth_anything_v2/util/blocks.py
        (FeatureFusionBlock, ResidualConvUnit), util/transform.py (Resize lower_bound)
  The original's resize is real cv2.resize(INTER_CUBIC) (Debian's python3-opencv 4.6) on the float64
  image, as image2tensor does; tools/depth/make_cv2_resize_goldens.py checks the Java port against it.

Writes compute/src/test/resources/goldens/depthanything/ (manifest.json lists the cases).
"""
import json
import math
import os
import shutil
import sys

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "goldens"))
from goldens_common import GOLDENS, save_npy, save_safetensors  # noqa: E402

torch.set_grad_enabled(False)
torch.set_num_threads(1)
OUT = os.path.join(GOLDENS, "depthanything")
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)

# tiny configuration (4 stages, like V2-Small's shape with small widths)
HIDDEN, LAYERS, HEADS, MLP, PATCH, IMAGE = 8, 4, 2, 32, 14, 42
OUT_INDICES = [1, 2, 3, 4]            # HF stages: outputs of blocks 0..3
NECK = [4, 8, 16, 16]
FACTORS = [4, 2, 1, 0.5]
FUSION, HEAD_HIDDEN = 4, 4


# ================================ HF transformers ================================

class HfEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.cls_token = nn.Parameter(torch.zeros(1, 1, HIDDEN))
        self.mask_token = nn.Parameter(torch.zeros(1, HIDDEN))
        self.patch_embeddings = nn.Module()
        self.patch_embeddings.projection = nn.Conv2d(3, HIDDEN, PATCH, PATCH)
        self.position_embeddings = nn.Parameter(torch.zeros(1, 1 + (IMAGE // PATCH) ** 2, HIDDEN))

    def interpolate_pos_encoding(self, emb, height, width):
        n = emb.shape[1] - 1
        npos = self.position_embeddings.shape[1] - 1
        if n == npos and height == width:
            return self.position_embeddings
        cls_pos = self.position_embeddings[:, 0]
        patch_pos = self.position_embeddings[:, 1:]
        side = int(npos ** 0.5)
        patch_pos = patch_pos.reshape(1, side, side, HIDDEN).permute(0, 3, 1, 2)
        patch_pos = F.interpolate(patch_pos.to(torch.float32), size=(height // PATCH, width // PATCH),
                                  mode="bicubic", align_corners=False)
        patch_pos = patch_pos.permute(0, 2, 3, 1).view(1, -1, HIDDEN)
        return torch.cat((cls_pos.unsqueeze(0), patch_pos), dim=1)

    def forward(self, x):
        b, _, h, w = x.shape
        e = self.patch_embeddings.projection(x).flatten(2).transpose(1, 2)
        e = torch.cat((self.cls_token.expand(b, -1, -1), e), dim=1)
        return e + self.interpolate_pos_encoding(e, h, w)


class HfLayerScale(nn.Module):
    def __init__(self):
        super().__init__()
        self.lambda1 = nn.Parameter(torch.ones(HIDDEN))

    def forward(self, x):
        return x * self.lambda1


class HfSelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)

    def forward(self, x):
        b, n, _ = x.shape
        dh = HIDDEN // HEADS

        def split(t):
            return t.view(b, n, HEADS, dh).permute(0, 2, 1, 3)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        s = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(dh)
        p = F.softmax(s, dim=-1)
        return torch.matmul(p, v).permute(0, 2, 1, 3).reshape(b, n, HIDDEN)


class HfLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.LayerNorm(HIDDEN, eps=1e-6)
        self.attention = nn.Module()
        self.attention.attention = HfSelfAttention()
        self.attention.output = nn.Module()
        self.attention.output.dense = nn.Linear(HIDDEN, HIDDEN)
        self.layer_scale1 = HfLayerScale()
        self.norm2 = nn.LayerNorm(HIDDEN, eps=1e-6)
        self.mlp = nn.Module()
        self.mlp.fc1 = nn.Linear(HIDDEN, MLP)
        self.mlp.fc2 = nn.Linear(MLP, HIDDEN)
        self.layer_scale2 = HfLayerScale()

    def forward(self, x):
        a = self.attention.output.dense(self.attention.attention(self.norm1(x)))
        x = self.layer_scale1(a) + x
        m = self.mlp.fc2(F.gelu(self.mlp.fc1(self.norm2(x))))
        return self.layer_scale2(m) + x


class HfBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = HfEmbeddings()
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList([HfLayer() for _ in range(LAYERS)])
        self.layernorm = nn.LayerNorm(HIDDEN, eps=1e-6)

    def forward(self, x):
        hidden = [self.embeddings(x)]
        for layer in self.encoder.layer:
            hidden.append(layer(hidden[-1]))
        return [self.layernorm(hidden[i]) for i in OUT_INDICES]


class HfReassembleLayer(nn.Module):
    def __init__(self, channels, factor):
        super().__init__()
        self.projection = nn.Conv2d(HIDDEN, channels, 1)
        if factor > 1:
            self.resize = nn.ConvTranspose2d(channels, channels, factor, factor, 0)
        elif factor == 1:
            self.resize = nn.Identity()
        else:
            self.resize = nn.Conv2d(channels, channels, 3, int(1 / factor), 1)

    def forward(self, x):
        return self.resize(self.projection(x))


class HfResidual(nn.Module):
    def __init__(self):
        super().__init__()
        self.activation1 = nn.ReLU()
        self.convolution1 = nn.Conv2d(FUSION, FUSION, 3, 1, 1)
        self.activation2 = nn.ReLU()
        self.convolution2 = nn.Conv2d(FUSION, FUSION, 3, 1, 1)

    def forward(self, x):
        r = x
        x = self.convolution1(self.activation1(x))
        x = self.convolution2(self.activation2(x))
        return x + r


class HfFusionLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.projection = nn.Conv2d(FUSION, FUSION, 1)
        self.residual_layer1 = HfResidual()
        self.residual_layer2 = HfResidual()

    def forward(self, h, residual=None, size=None):
        if residual is not None:
            if h.shape != residual.shape:
                residual = F.interpolate(residual, size=h.shape[2:], mode="bilinear", align_corners=False)
            h = h + self.residual_layer1(residual)
        h = self.residual_layer2(h)
        mod = {"scale_factor": 2} if size is None else {"size": size}
        h = F.interpolate(h, **mod, mode="bilinear", align_corners=True)
        return self.projection(h)


class HfDepthAnything(nn.Module):
    def __init__(self, metric, max_depth):
        super().__init__()
        self.metric, self.max_depth = metric, max_depth
        self.backbone = HfBackbone()
        self.neck = nn.Module()
        self.neck.reassemble_stage = nn.Module()
        self.neck.reassemble_stage.layers = nn.ModuleList([HfReassembleLayer(c, f) for c, f in zip(NECK, FACTORS)])
        self.neck.convs = nn.ModuleList([nn.Conv2d(c, FUSION, 3, padding=1, bias=False) for c in NECK])
        self.neck.fusion_stage = nn.Module()
        self.neck.fusion_stage.layers = nn.ModuleList([HfFusionLayer() for _ in NECK])
        self.head = nn.Module()
        self.head.conv1 = nn.Conv2d(FUSION, FUSION // 2, 3, 1, 1)
        self.head.conv2 = nn.Conv2d(FUSION // 2, HEAD_HIDDEN, 3, 1, 1)
        self.head.conv3 = nn.Conv2d(HEAD_HIDDEN, 1, 1, 1, 0)

    def forward(self, x):
        ph, pw = x.shape[2] // PATCH, x.shape[3] // PATCH
        feats = []
        for i, h in enumerate(self.backbone(x)):
            h = h[:, 1:].reshape(x.shape[0], ph, pw, -1).permute(0, 3, 1, 2)
            feats.append(self.neck.convs[i](self.neck.reassemble_stage.layers[i](h)))
        feats = feats[::-1]
        fused = None
        for i, (h, layer) in enumerate(zip(feats, self.neck.fusion_stage.layers)):
            size = feats[i + 1].shape[2:] if i != len(feats) - 1 else None
            fused = layer(h, size=size) if fused is None else layer(fused, h, size=size)
        d = self.head.conv1(fused)
        d = F.interpolate(d, (ph * PATCH, pw * PATCH), mode="bilinear", align_corners=True)
        d = self.head.conv3(F.relu(self.head.conv2(d)))
        d = (torch.sigmoid(d) if self.metric else F.relu(d)) * self.max_depth
        return d.squeeze(1)


# ================================ original repo ================================

class OrigAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(HIDDEN, 3 * HIDDEN)
        self.proj = nn.Linear(HIDDEN, HIDDEN)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, HEADS, c // HEADS).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0] * (c // HEADS) ** -0.5, qkv[1], qkv[2]
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(b, n, c))


class OrigLayerScale(nn.Module):
    def __init__(self):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(HIDDEN))

    def forward(self, x):
        return x * self.gamma


class OrigMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(HIDDEN, MLP)
        self.fc2 = nn.Linear(MLP, HIDDEN)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class OrigBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.LayerNorm(HIDDEN, eps=1e-6)
        self.attn = OrigAttention()
        self.ls1 = OrigLayerScale()
        self.norm2 = nn.LayerNorm(HIDDEN, eps=1e-6)
        self.mlp = OrigMlp()
        self.ls2 = OrigLayerScale()

    def forward(self, x):
        x = x + self.ls1(self.attn(self.norm1(x)))
        return x + self.ls2(self.mlp(self.norm2(x)))


class OrigDinov2(nn.Module):
    def __init__(self):
        super().__init__()
        self.cls_token = nn.Parameter(torch.zeros(1, 1, HIDDEN))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1 + (IMAGE // PATCH) ** 2, HIDDEN))
        self.mask_token = nn.Parameter(torch.zeros(1, HIDDEN))
        self.patch_embed = nn.Module()
        self.patch_embed.proj = nn.Conv2d(3, HIDDEN, PATCH, PATCH)
        self.blocks = nn.ModuleList([OrigBlock() for _ in range(LAYERS)])
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-6)

    def interpolate_pos_encoding(self, x, w, h):  # w, h as dinov2.py names them: w is dim 2 (rows)
        npatch = x.shape[1] - 1
        n = self.pos_embed.shape[1] - 1
        if npatch == n and w == h:
            return self.pos_embed
        pos = self.pos_embed.float()
        cls_pos, patch_pos = pos[:, 0], pos[:, 1:]
        w0, h0 = w // PATCH + 0.1, h // PATCH + 0.1
        sqrt_n = math.sqrt(n)
        sx, sy = float(w0) / sqrt_n, float(h0) / sqrt_n
        patch_pos = F.interpolate(patch_pos.reshape(1, int(sqrt_n), int(sqrt_n), HIDDEN).permute(0, 3, 1, 2),
                                  scale_factor=(sx, sy), mode="bicubic", antialias=False)
        assert int(w0) == patch_pos.shape[-2] and int(h0) == patch_pos.shape[-1]
        patch_pos = patch_pos.permute(0, 2, 3, 1).view(1, -1, HIDDEN)
        return torch.cat((cls_pos.unsqueeze(0), patch_pos), dim=1)

    def get_intermediate_layers(self, x, idx):
        b, nc, w, h = x.shape
        x = self.patch_embed.proj(x).flatten(2).transpose(1, 2)
        x = torch.cat((self.cls_token.expand(b, -1, -1), x), dim=1)
        x = x + self.interpolate_pos_encoding(x, w, h)
        out = []
        for i, blk in enumerate(self.blocks):
            x = blk(x)
            if i in idx:
                out.append(x)
        return [self.norm(o)[:, 1:] for o in out]


class OrigResUnit(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(FUSION, FUSION, 3, 1, 1, bias=True)
        self.conv2 = nn.Conv2d(FUSION, FUSION, 3, 1, 1, bias=True)

    def forward(self, x):
        out = F.relu(x)
        out = self.conv1(out)
        out = F.relu(out)
        out = self.conv2(out)
        return out + x


class OrigFusion(nn.Module):
    def __init__(self):
        super().__init__()
        self.out_conv = nn.Conv2d(FUSION, FUSION, 1, 1, 0, bias=True)
        self.resConfUnit1 = OrigResUnit()
        self.resConfUnit2 = OrigResUnit()

    def forward(self, *xs, size=None):
        output = xs[0]
        if len(xs) == 2:
            output = output + self.resConfUnit1(xs[1])
        output = self.resConfUnit2(output)
        mod = {"scale_factor": 2} if size is None else {"size": size}
        output = F.interpolate(output, **mod, mode="bilinear", align_corners=True)
        return self.out_conv(output)


class OrigDepthAnythingV2(nn.Module):
    def __init__(self, metric, max_depth):
        super().__init__()
        self.metric, self.max_depth = metric, max_depth
        self.pretrained = OrigDinov2()
        h = nn.Module()
        h.projects = nn.ModuleList([nn.Conv2d(HIDDEN, c, 1, 1, 0) for c in NECK])
        h.resize_layers = nn.ModuleList([nn.ConvTranspose2d(NECK[0], NECK[0], 4, 4, 0),
                                         nn.ConvTranspose2d(NECK[1], NECK[1], 2, 2, 0), nn.Identity(),
                                         nn.Conv2d(NECK[3], NECK[3], 3, 2, 1)])
        s = nn.Module()
        for i, c in enumerate(NECK):
            setattr(s, f"layer{i + 1}_rn", nn.Conv2d(c, FUSION, 3, 1, 1, bias=False))
        for i in range(4):
            setattr(s, f"refinenet{i + 1}", OrigFusion())
        s.output_conv1 = nn.Conv2d(FUSION, FUSION // 2, 3, 1, 1)
        s.output_conv2 = nn.Sequential(nn.Conv2d(FUSION // 2, HEAD_HIDDEN, 3, 1, 1), nn.ReLU(True),
                                       nn.Conv2d(HEAD_HIDDEN, 1, 1, 1, 0),
                                       nn.Sigmoid() if metric else nn.ReLU(True), nn.Identity())
        h.scratch = s
        self.depth_head = h

    def forward(self, x):
        ph, pw = x.shape[-2] // PATCH, x.shape[-1] // PATCH
        feats = self.pretrained.get_intermediate_layers(x, [0, 1, 2, 3])
        out = []
        for i, f in enumerate(feats):
            f = f.permute(0, 2, 1).reshape(f.shape[0], f.shape[-1], ph, pw)
            f = self.depth_head.resize_layers[i](self.depth_head.projects[i](f))
            out.append(f)
        s = self.depth_head.scratch
        l1, l2, l3, l4 = s.layer1_rn(out[0]), s.layer2_rn(out[1]), s.layer3_rn(out[2]), s.layer4_rn(out[3])
        p4 = s.refinenet4(l4, size=l3.shape[2:])
        p3 = s.refinenet3(p4, l3, size=l2.shape[2:])
        p2 = s.refinenet2(p3, l2, size=l1.shape[2:])
        p1 = s.refinenet1(p2, l1)
        o = s.output_conv1(p1)
        o = F.interpolate(o, (int(ph * 14), int(pw * 14)), mode="bilinear", align_corners=True)
        o = s.output_conv2(o)
        if self.metric:
            d = o * self.max_depth
        else:
            d = F.relu(o)
        return d.squeeze(1)


def hf_to_orig(sd):
    """HF state dict -> original keys (the inverse of convert_depth_anything_to_hf.py's mapping)."""
    out = {}
    for k, v in sd.items():
        if k.startswith("backbone."):
            r = k[len("backbone."):]
            r = (r.replace("embeddings.cls_token", "cls_token").replace("embeddings.mask_token", "mask_token")
                 .replace("embeddings.position_embeddings", "pos_embed")
                 .replace("embeddings.patch_embeddings.projection", "patch_embed.proj")
                 .replace("encoder.layer.", "blocks.").replace("attention.output.dense", "attn.proj")
                 .replace("layer_scale1.lambda1", "ls1.gamma").replace("layer_scale2.lambda1", "ls2.gamma")
                 .replace("layernorm.", "norm."))
            if ".attention.attention." in r:
                continue  # fused below
            out["pretrained." + r] = v
        elif k.startswith("neck.reassemble_stage.layers."):
            i, rest = k.split(".")[3], ".".join(k.split(".")[4:])
            if rest.startswith("projection"):
                out[f"depth_head.projects.{i}." + rest.split(".")[-1]] = v
            else:
                out[f"depth_head.resize_layers.{i}." + rest.split(".")[-1]] = v
        elif k.startswith("neck.convs."):
            out[f"depth_head.scratch.layer{int(k.split('.')[2]) + 1}_rn.weight"] = v
        elif k.startswith("neck.fusion_stage.layers."):
            i = int(k.split(".")[3])
            rest = ".".join(k.split(".")[4:])
            rest = (rest.replace("projection", "out_conv").replace("residual_layer", "resConfUnit")
                    .replace("convolution", "conv"))
            out[f"depth_head.scratch.refinenet{4 - i}." + rest] = v
        elif k.startswith("head."):
            rest = (k.replace("head.conv1", "output_conv1").replace("head.conv2", "output_conv2.0")
                    .replace("head.conv3", "output_conv2.2"))
            out["depth_head.scratch." + rest] = v
    for i in range(LAYERS):
        p = f"backbone.encoder.layer.{i}.attention.attention."
        for part in ("weight", "bias"):
            out[f"pretrained.blocks.{i}.attn.qkv.{part}"] = torch.cat(
                [sd[p + "query." + part], sd[p + "key." + part], sd[p + "value." + part]], 0)
    return out


def randomise(model, gen):
    for name, p in model.named_parameters():
        if name.endswith("lambda1"):
            p.copy_(0.5 + 0.5 * torch.rand(p.shape, generator=gen))
        elif "norm" in name and name.endswith("weight"):
            p.copy_(1 + 0.2 * torch.randn(p.shape, generator=gen))
        elif p.dim() >= 2 and name.startswith(("neck", "head")):
            fan_in = p[0].numel()
            p.copy_(torch.randn(p.shape, generator=gen) * (1.5 / math.sqrt(fan_in)))
        else:
            p.copy_(0.2 * torch.randn(p.shape, generator=gen))
    # conv3 reads ReLU outputs: positive weights and a negative bias give values on both sides of 0
    model.head.conv3.weight.abs_()
    model.head.conv3.bias.fill_(-0.2)  # keep most outputs above the final ReLU


# ================================ preprocessing references ================================

def hf_resize_size(h, w, target, multiple=14):
    def constrain(v):
        x = round(v / multiple) * multiple
        return x if x >= 0 else math.ceil(v / multiple) * multiple
    sh, sw = target / h, target / w
    if abs(1 - sw) < abs(1 - sh):
        sh = sw
    else:
        sw = sh
    return constrain(sh * h), constrain(sw * w)


def lower_bound_size(h, w, target, multiple=14):
    def constrain(v, min_val):
        y = int(np.round(v / multiple) * multiple)
        if y < min_val:
            y = int(np.ceil(v / multiple) * multiple)
        return y
    sh, sw = target / h, target / w
    if sw > sh:
        sh = sw
    else:
        sw = sh
    return constrain(sh * h, target), constrain(sw * w, target)


def bicubic_torch(x, h, w):
    return F.interpolate(x[None, None], size=(h, w), mode="bicubic", align_corners=False)[0, 0]


def bilinear_ac(x, h, w):
    return F.interpolate(x[None, None], size=(h, w), mode="bilinear", align_corners=True)[0, 0]


def synthetic_image(w, h):
    yy, xx = np.mgrid[0:h, 0:w]
    r = (128 + 100 * np.sin(xx / 3.0) * np.cos(yy / 5.0)).astype(np.uint8)
    g = ((xx * 7 + yy * 3) % 256).astype(np.uint8)
    b = ((xx * yy) % 251).astype(np.uint8)
    return np.stack([r, g, b], -1)


def hf_config(head, max_depth):
    """config.json as transformers writes it for the current sizes (the module constants)."""
    return {"architectures": ["DepthAnythingForDepthEstimation"], "model_type": "depth_anything",
            "backbone_config": {"model_type": "dinov2", "hidden_size": HIDDEN, "num_hidden_layers": LAYERS,
                                "num_attention_heads": HEADS, "mlp_ratio": MLP // HIDDEN, "patch_size": PATCH,
                                "image_size": IMAGE, "layer_norm_eps": 1e-6, "layerscale_value": 1.0,
                                "out_indices": OUT_INDICES, "apply_layernorm": True,
                                "reshape_hidden_states": False},
            "reassemble_hidden_size": HIDDEN, "patch_size": PATCH, "reassemble_factors": FACTORS,
            "neck_hidden_sizes": NECK, "fusion_hidden_size": FUSION, "head_in_index": -1,
            "head_hidden_size": HEAD_HIDDEN, "depth_estimation_type": head, "max_depth": max_depth}


def preprocessor_config():
    return {"image_processor_type": "DPTImageProcessor", "do_resize": True,
            "size": {"height": IMAGE, "width": IMAGE}, "keep_aspect_ratio": True,
            "ensure_multiple_of": PATCH, "resample": 3, "do_rescale": True,
            "rescale_factor": 1 / 255, "do_normalize": True, "image_mean": list(MEAN),
            "image_std": list(STD), "do_pad": False}


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    gen = torch.Generator().manual_seed(1515)
    manifest = {"generator": "tools/depth/make_depth_anything_goldens.py", "heads": HEADS,
                "out_indices": [0, 1, 2, 3], "models": [], "cases": [], "pipeline": []}
    inputs = {"42x42": torch.randn(1, 3, 42, 42, generator=gen), "42x70": torch.randn(1, 3, 42, 70, generator=gen)}
    weights = None
    for name, x in inputs.items():
        save_npy(os.path.join(OUT, f"in_{name}.npy"), x[0].numpy())
    for head, metric, max_depth in (("relative", False, 1.0), ("metric", True, 20.0)):
        hf = HfDepthAnything(metric, max_depth).eval()
        if weights is not None:
            hf.load_state_dict(weights)
        randomise(hf, gen) if weights is None else None
        # scale conv3 so that its output (before ReLU / sigmoid) spreads about one unit:
        # neither saturates the sigmoid nor leaves the ReLU all zero
        pre = {}
        hook = hf.head.conv3.register_forward_hook(lambda m, i, o: pre.update(o=o))
        hf(inputs["42x42"])
        hook.remove()
        if weights is None:
            hf.head.conv3.weight.mul_(1.0 / float((pre["o"] - hf.head.conv3.bias).std()))
            weights = hf.state_dict()
        sd = hf.state_dict()
        d = os.path.join(OUT, "hf")
        os.makedirs(d, exist_ok=True)
        if not metric:  # the Java tests copy it beside a metric config.json
            save_safetensors(os.path.join(d, "model.safetensors"), sd)
        cfg = hf_config(head, max_depth)
        with open(os.path.join(d, f"config.{head}.json" if metric else "config.json"), "w") as f:
            json.dump(cfg, f, indent=2)
        with open(os.path.join(d, "preprocessor_config.json"), "w") as f:
            json.dump(preprocessor_config(), f, indent=2)
        orig = OrigDepthAnythingV2(metric, max_depth).eval()
        osd = hf_to_orig(sd)
        missing = set(orig.state_dict()) ^ set(osd)
        assert not missing, missing
        orig.load_state_dict(osd)
        pth = "depth_anything_v2_metric_hypersim_tiny.pth" if metric else "depth_anything_v2_tiny.pth"
        if not metric:  # the metric tests copy it under the metric file name
            torch.save(orig.state_dict(), os.path.join(OUT, pth))
        manifest["models"].append({"id": f"hf_{head}", "path": "hf", "layout": "hf", "head": head,
                                   "max_depth": max_depth})
        manifest["models"].append({"id": f"orig_{head}", "path": pth, "layout": "original", "head": head,
                                   "max_depth": max_depth})
        for name, x in inputs.items():
            for mid, model in ((f"hf_{head}", hf), (f"orig_{head}", orig)):
                if mid.startswith("orig") and name == "42x42":
                    # equal to the HF output on the native grid (asserted below): that file serves both
                    manifest["cases"].append({"model": mid, "input": f"in_{name}.npy", "interpolated": False,
                                              "output": f"depth_hf_{head}_{name}.npy"})
                    continue
                y = model(x)[0]
                assert float(y.std()) > 1e-3, (mid, name)
                out = f"depth_{mid}_{name}.npy"
                save_npy(os.path.join(OUT, out), y.numpy())
                manifest["cases"].append({"model": mid, "input": f"in_{name}.npy", "output": out,
                                          "interpolated": name != "42x42"})
        # HF and original agree on the native grid (no interpolation): same weights, same maths
        diff = (hf(inputs["42x42"]) - orig(inputs["42x42"])).abs().max(); print(head, float(diff), float(hf(inputs["42x42"]).abs().max()))
        assert diff < 2e-5 * max_depth

        # whole pipeline on a small photo-like image: resize, normalise, forward, back to the input size
        img = synthetic_image(45, 33)
        if head == "relative":
            Image.fromarray(img).save(os.path.join(OUT, "image_45x33.png"))
        h, w = hf_resize_size(33, 45, IMAGE)
        resized = np.asarray(Image.fromarray(img).resize((w, h), Image.BICUBIC), dtype=np.float32)
        x = ((resized / np.float32(255) - np.array(MEAN, np.float32)) / np.array(STD, np.float32))
        x = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None].float()
        y = bicubic_torch(hf(x)[0], 33, 45)
        save_npy(os.path.join(OUT, f"pipeline_hf_{head}.npy"), y.numpy())
        if head == "relative":
            save_npy(os.path.join(OUT, "pipeline_hf_pixels.npy"), x[0].numpy())
        manifest["pipeline"].append({"model": f"hf_{head}", "image": "image_45x33.png", "size": [h, w],
                                     "output": f"pipeline_hf_{head}.npy"})
        h, w = lower_bound_size(33, 45, IMAGE)
        im = img.astype(np.float64) / 255.0
        im = cv2.resize(im, (w, h), interpolation=cv2.INTER_CUBIC)
        im = (im - np.array(MEAN)) / np.array(STD)
        x = torch.from_numpy(np.ascontiguousarray(im.transpose(2, 0, 1)).astype(np.float32))[None]
        y = bilinear_ac(orig(x)[0], 33, 45)
        save_npy(os.path.join(OUT, f"pipeline_orig_{head}.npy"), y.numpy())
        if head == "relative":
            save_npy(os.path.join(OUT, "pipeline_orig_pixels.npy"), x[0].numpy())
        manifest["pipeline"].append({"model": f"orig_{head}", "image": "image_45x33.png", "size": [h, w],
                                     "output": f"pipeline_orig_{head}.npy"})
    # resize-size rules at V2's real 518 target
    manifest["sizes"] = [{"h": h0, "w": w0, "hf": list(hf_resize_size(h0, w0, 518)),
                          "lower_bound": list(lower_bound_size(h0, w0, 518))}
                         for h0, w0 in ((480, 640), (512, 1024), (518, 518), (256, 256), (1080, 1920), (33, 45))]
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    total = sum(os.path.getsize(os.path.join(r, n)) for r, _, fs in os.walk(OUT) for n in fs)
    print(f"wrote {OUT}: {total} bytes")


if __name__ == "__main__":
    main()
