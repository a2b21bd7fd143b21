#!/usr/bin/python3
"""Golden checkpoints and reference outputs for the ViT layouts users have.

Run with the Debian interpreter (torch 1.13, numpy, PIL):   /usr/bin/python3 tools/goldens/make_vit_goldens.py

timm / HF transformers / the DINO repos cannot be installed here, so each layout's forward pass is
re-implemented below in PyTorch, mirroring the original module and parameter names (so state_dict()
yields the real checkpoint keys) and the original arithmetic order. Sources read (not copied):

  timm       huggingface/pytorch-image-models timm/models/vision_transformer.py (commit 0041cb7b: Block,
             LayerScale use, VisionTransformer._pos_embed with reg_token / no_embed_class / dynamic_img_size)
             and timm/layers/pos_embed.py (commit 170a5b6e: resample_abs_pos_embed, bicubic + antialias)
  DINO       facebookresearch/dino vision_transformer.py (commit 04c0ad95: Attention returns attn,
             interpolate_pos_encoding with the +0.1 scale-factor kludge, get_last_selfattention)
  DINOv2     facebookresearch/dinov2 dinov2/models/vision_transformer.py (commit 112792f1: register_tokens,
             interpolate_offset, interpolate_antialias), dinov2/layers/block.py (commit 05c66df0: ls1/ls2),
             dinov2/hub/backbones.py (block_chunks=0 so keys are blocks.N.*; *_reg models use
             num_register_tokens=4, interpolate_antialias=True, interpolate_offset=0.0)
  HF ViT     huggingface/transformers src/transformers/models/vit/modeling_vit.py (commit 005db820:
             ViTEmbeddings.interpolate_pos_encoding with size=, ViTSelfAttention query/key/value,
             layernorm_before/after, ViTPooler, ViTForImageClassification on token 0 after vit.layernorm)
  vit-pytorch  lucidrains/vit-pytorch vit_pytorch/vit_pytorch.py, the Oct-2020 revision that
             pytorch/ios-demo-app ViT4MNIST/mnist_vit.py trained (key names checked against the real
             ../shared/models/vit4mnist.pth: to_qkv without bias, scale dim ** -0.5, no final norm)

Writes into compute/src/test/resources/goldens/: checkpoints in the users' file formats, inputs and
outputs as .npy (float32, C order), rendered digit PNGs, and manifest.json (what the Java tests iterate).
"""
import argparse
import collections
import json
import math
import os
import shutil
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, os.path.dirname(__file__))
from goldens_common import (GOLDENS, bicubic_aa_matrix, bicubic_matrix, resample_grid, save_npy,  # noqa: E402
                            save_safetensors, shared_path)

torch.set_grad_enabled(False)
torch.set_num_threads(1)  # deterministic reductions

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
HALF = (0.5, 0.5, 0.5)

# ============================================================================================
# Shared pieces whose names and maths are identical in timm, DINO and DINOv2
# (qkv / proj, fc1 / act / fc2, patch_embed.proj as a stride-p Conv2d).
# ============================================================================================


class Mlp(nn.Module):
    """timm/DINO/DINOv2 Mlp: fc1 -> exact (erf) GELU -> fc2."""

    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class PatchEmbed(nn.Module):
    """Conv2d(kernel = stride = patch): tokens in row-major grid order, (c, kh, kw) weight layout."""

    def __init__(self, chans, dim, patch):
        super().__init__()
        self.proj = nn.Conv2d(chans, dim, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class FusedAttention(nn.Module):
    """qkv Linear(dim, 3*dim) split as (3, heads, head_dim); scale head_dim ** -0.5.

    scale_q_first: timm (non-fused path) and DINOv2 multiply q by the scale before q @ k^T;
    DINO v1 multiplies the product. Returns (output, probabilities [B, heads, N, N]).
    """

    def __init__(self, dim, heads, qkv_bias, scale_q_first):
        super().__init__()
        self.num_heads = heads
        self.scale = (dim // heads) ** -0.5
        self.scale_q_first = scale_q_first
        self.qkv = nn.Linear(dim, dim * 3, bias=qkv_bias)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        B, N, C = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.num_heads, C // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        if self.scale_q_first:
            attn = (q * self.scale) @ k.transpose(-2, -1)
        else:
            attn = (q @ k.transpose(-2, -1)) * self.scale
        attn = attn.softmax(dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(B, N, C)
        return self.proj(x), attn


class LayerScale(nn.Module):
    """timm / DINOv2 LayerScale: x * gamma (key '<ls>.gamma')."""

    def __init__(self, dim):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * self.gamma


class PreNormBlock(nn.Module):
    """timm Block / DINO Block / DINOv2 Block: x + ls1(attn(norm1 x)); x + ls2(mlp(norm2 x))."""

    def __init__(self, dim, heads, mlp_hidden, eps, qkv_bias, layer_scale, scale_q_first):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=eps)
        self.attn = FusedAttention(dim, heads, qkv_bias, scale_q_first)
        self.ls1 = LayerScale(dim) if layer_scale else nn.Identity()
        self.norm2 = nn.LayerNorm(dim, eps=eps)
        self.mlp = Mlp(dim, mlp_hidden)
        self.ls2 = LayerScale(dim) if layer_scale else nn.Identity()

    def forward(self, x):
        y, attn = self.attn(self.norm1(x))
        x = x + self.ls1(y)
        x = x + self.ls2(self.mlp(self.norm2(x)))
        return x, attn


def run_blocks(blocks, x):
    attns = []
    for blk in blocks:
        x, a = blk(x)
        attns.append(a)
    return x, attns


# ============================================================================================
# timm VisionTransformer (global_pool='token', class token, optional reg tokens / no_embed_class)
# ============================================================================================

def timm_resample_abs_pos_embed(posemb, new_size, old_size, num_prefix_tokens):
    """timm.layers.pos_embed.resample_abs_pos_embed with its defaults (bicubic, antialias=True)."""
    if posemb.shape[1] == new_size[0] * new_size[1] + num_prefix_tokens and new_size[0] == new_size[1]:
        return posemb
    prefix, grid = posemb[:, :num_prefix_tokens], posemb[:, num_prefix_tokens:]
    dim = grid.shape[-1]
    grid = grid.reshape(1, old_size[0], old_size[1], -1).permute(0, 3, 1, 2)
    grid = F.interpolate(grid, size=new_size, mode="bicubic", antialias=True)
    grid = grid.permute(0, 2, 3, 1).reshape(1, -1, dim)
    return torch.cat([prefix, grid], dim=1) if num_prefix_tokens else grid


class TimmViT(nn.Module):
    def __init__(self, img, patch, dim, depth, heads, mlp_ratio, num_classes, reg_tokens=0,
                 no_embed_class=False, layer_scale=False):
        super().__init__()
        self.patch = patch
        self.grid = (img // patch, img // patch)
        self.num_prefix_tokens = 1 + reg_tokens
        self.no_embed_class = no_embed_class
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.reg_token = nn.Parameter(torch.zeros(1, reg_tokens, dim)) if reg_tokens else None
        embed_len = self.grid[0] * self.grid[1] + (0 if no_embed_class else self.num_prefix_tokens)
        self.pos_embed = nn.Parameter(torch.zeros(1, embed_len, dim))
        self.patch_embed = PatchEmbed(3, dim, patch)
        self.blocks = nn.Sequential(*[PreNormBlock(dim, heads, int(dim * mlp_ratio), 1e-6, True, layer_scale,
                                                   scale_q_first=True) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        H, W = x.shape[-2] // self.patch, x.shape[-1] // self.patch
        x = self.patch_embed(x)
        # dynamic_img_size=True path: resample the trained grid to this input's grid
        pos = timm_resample_abs_pos_embed(self.pos_embed, (H, W), self.grid,
                                          0 if self.no_embed_class else self.num_prefix_tokens)
        prefix = [self.cls_token] + ([self.reg_token] if self.reg_token is not None else [])
        if self.no_embed_class:  # deit-3 / reg models: add to patches, then concat prefix tokens
            x = torch.cat(prefix + [x + pos], dim=1)
        else:  # original timm / JAX / DeiT: concat, then add (pos has a cls entry)
            x = torch.cat(prefix + [x], dim=1) + pos
        x, attns = run_blocks(self.blocks, x)
        x = self.norm(x)
        return {"tokens": x, "attn": attns, "logits": self.head(x[:, 0])}


# ============================================================================================
# DINO v1 VisionTransformer (no head) and its training wrapper (MultiCropWrapper + DINOHead)
# ============================================================================================

def dino_interpolate_pos_encoding(pos_embed, npatch, w, h, patch, offset=0.1, antialias=False):
    """DINO v1 / DINOv2 interpolate_pos_encoding; w, h are the input's dims 2 and 3 (H and W)."""
    N = pos_embed.shape[1] - 1
    if npatch == N and w == h:
        return pos_embed
    class_pos, grid = pos_embed[:, 0], pos_embed[:, 1:]
    dim = pos_embed.shape[-1]
    w0, h0 = w // patch, h // patch
    M = int(math.sqrt(N))
    if offset:
        # the scale factor (not in/out) drives the source coordinate: see goldens_common.bicubic_matrix
        kwargs = {"scale_factor": (float(w0 + offset) / M, float(h0 + offset) / M)}
    else:
        kwargs = {"size": (w0, h0)}
    grid = F.interpolate(grid.reshape(1, M, M, dim).permute(0, 3, 1, 2), mode="bicubic",
                         antialias=antialias, **kwargs)
    assert (w0, h0) == tuple(grid.shape[-2:])
    grid = grid.permute(0, 2, 3, 1).reshape(1, -1, dim)
    return torch.cat((class_pos.unsqueeze(0), grid), dim=1)


class DinoViT(nn.Module):
    def __init__(self, img, patch, dim, depth, heads):
        super().__init__()
        self.patch = patch
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, (img // patch) ** 2 + 1, dim))
        self.patch_embed = PatchEmbed(3, dim, patch)
        self.blocks = nn.ModuleList([PreNormBlock(dim, heads, 4 * dim, 1e-6, True, False, scale_q_first=False)
                                     for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Identity()

    def forward(self, x):
        B, nc, w, h = x.shape
        x = self.patch_embed(x)
        x = torch.cat((self.cls_token.expand(B, -1, -1), x), dim=1)
        x = x + dino_interpolate_pos_encoding(self.pos_embed, x.shape[1] - 1, w, h, self.patch)
        x, attns = run_blocks(self.blocks, x)
        return {"tokens": self.norm(x), "attn": attns}


class DINOHead(nn.Module):
    """DINO projection head (nlayers=3, no BN): mlp.0/2/4 and weight-normed last_layer."""

    def __init__(self, in_dim, out_dim, hidden, bottleneck):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(in_dim, hidden), nn.GELU(), nn.Linear(hidden, hidden), nn.GELU(),
                                 nn.Linear(hidden, bottleneck))
        self.last_layer = nn.utils.weight_norm(nn.Linear(bottleneck, out_dim, bias=False))
        self.last_layer.weight_g.data.fill_(1)


class MultiCropWrapper(nn.Module):
    def __init__(self, backbone, head):
        super().__init__()
        self.backbone = backbone
        self.head = head


class DDP(nn.Module):
    """Stands in for DistributedDataParallel: only its 'module.' key prefix matters here."""

    def __init__(self, module):
        super().__init__()
        self.module = module


# ============================================================================================
# DINOv2 DinoVisionTransformer (block_chunks=0, layer scale, optional registers, mask_token)
# ============================================================================================

class Dinov2ViT(nn.Module):
    def __init__(self, img, patch, dim, depth, heads, num_register_tokens, interpolate_offset,
                 interpolate_antialias):
        super().__init__()
        self.patch = patch
        self.offset = interpolate_offset
        self.antialias = interpolate_antialias
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, (img // patch) ** 2 + 1, dim))
        self.register_tokens = (nn.Parameter(torch.zeros(1, num_register_tokens, dim))
                                if num_register_tokens else None)
        self.patch_embed = PatchEmbed(3, dim, patch)
        self.blocks = nn.ModuleList([PreNormBlock(dim, heads, 4 * dim, 1e-6, True, True, scale_q_first=True)
                                     for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Identity()
        self.mask_token = nn.Parameter(torch.zeros(1, dim))

    def forward(self, x):
        B, nc, w, h = x.shape
        x = self.patch_embed(x)
        x = torch.cat((self.cls_token.expand(B, -1, -1), x), dim=1)
        x = x + dino_interpolate_pos_encoding(self.pos_embed, x.shape[1] - 1, w, h, self.patch,
                                              self.offset, self.antialias)
        if self.register_tokens is not None:  # registers go after cls, without position embedding
            x = torch.cat((x[:, :1], self.register_tokens.expand(B, -1, -1), x[:, 1:]), dim=1)
        x, attns = run_blocks(self.blocks, x)
        return {"tokens": self.norm(x), "attn": attns}


# ============================================================================================
# HF transformers ViTModel / ViTForImageClassification (separate query/key/value)
# ============================================================================================

class ViTPatchEmbeddings(nn.Module):
    def __init__(self, chans, dim, patch):
        super().__init__()
        self.projection = nn.Conv2d(chans, dim, kernel_size=patch, stride=patch)


class ViTEmbeddings(nn.Module):
    def __init__(self, img, patch, dim):
        super().__init__()
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.patch_embeddings = ViTPatchEmbeddings(3, dim, patch)
        self.position_embeddings = nn.Parameter(torch.zeros(1, (img // patch) ** 2 + 1, dim))
        self.patch = patch

    def interpolate_pos_encoding(self, embeddings, height, width):
        num_patches = embeddings.shape[1] - 1
        num_positions = self.position_embeddings.shape[1] - 1
        if num_patches == num_positions and height == width:
            return self.position_embeddings
        cls_pos, grid = self.position_embeddings[:, :1], self.position_embeddings[:, 1:]
        dim = embeddings.shape[-1]
        s = int(num_positions ** 0.5)
        grid = grid.reshape(1, s, s, dim).permute(0, 3, 1, 2)
        grid = F.interpolate(grid, size=(height // self.patch, width // self.patch), mode="bicubic",
                             align_corners=False)
        return torch.cat((cls_pos, grid.permute(0, 2, 3, 1).reshape(1, -1, dim)), dim=1)

    def forward(self, pixel_values, interpolate_pos_encoding):
        B, C, H, W = pixel_values.shape
        e = self.patch_embeddings.projection(pixel_values).flatten(2).transpose(1, 2)
        e = torch.cat((self.cls_token.expand(B, -1, -1), e), dim=1)
        pos = self.interpolate_pos_encoding(e, H, W) if interpolate_pos_encoding else self.position_embeddings
        return e + pos


class ViTSelfAttention(nn.Module):
    def __init__(self, dim, heads, qkv_bias):
        super().__init__()
        self.h = heads
        self.d = dim // heads
        self.scaling = self.d ** -0.5
        self.query = nn.Linear(dim, dim, bias=qkv_bias)
        self.key = nn.Linear(dim, dim, bias=qkv_bias)
        self.value = nn.Linear(dim, dim, bias=qkv_bias)

    def forward(self, x):
        B, N, C = x.shape
        split = lambda t: t.view(B, N, self.h, self.d).permute(0, 2, 1, 3)  # noqa: E731
        k, v, q = split(self.key(x)), split(self.value(x)), split(self.query(x))
        w = torch.matmul(q, k.transpose(-1, -2)) * self.scaling
        w = F.softmax(w, dim=-1, dtype=torch.float32)
        out = torch.matmul(w, v).transpose(1, 2).reshape(B, N, C)
        return out, w


class ViTSelfOutput(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dense = nn.Linear(dim, dim)


class ViTAttention(nn.Module):
    def __init__(self, dim, heads, qkv_bias):
        super().__init__()
        self.attention = ViTSelfAttention(dim, heads, qkv_bias)
        self.output = ViTSelfOutput(dim)


class ViTIntermediate(nn.Module):
    def __init__(self, dim, inter):
        super().__init__()
        self.dense = nn.Linear(dim, inter)


class ViTOutput(nn.Module):
    def __init__(self, dim, inter):
        super().__init__()
        self.dense = nn.Linear(inter, dim)


class ViTLayer(nn.Module):
    def __init__(self, dim, heads, inter, eps, qkv_bias):
        super().__init__()
        self.attention = ViTAttention(dim, heads, qkv_bias)
        self.intermediate = ViTIntermediate(dim, inter)
        self.output = ViTOutput(dim, inter)
        self.layernorm_before = nn.LayerNorm(dim, eps=eps)
        self.layernorm_after = nn.LayerNorm(dim, eps=eps)

    def forward(self, x):
        ctx, probs = self.attention.attention(self.layernorm_before(x))
        x = self.attention.output.dense(ctx) + x
        y = F.gelu(self.intermediate.dense(self.layernorm_after(x)))  # hidden_act "gelu" = exact erf
        return self.output.dense(y) + x, probs


class ViTEncoder(nn.Module):
    def __init__(self, dim, depth, heads, inter, eps, qkv_bias):
        super().__init__()
        self.layer = nn.ModuleList([ViTLayer(dim, heads, inter, eps, qkv_bias) for _ in range(depth)])


class ViTPooler(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dense = nn.Linear(dim, dim)


class ViTModel(nn.Module):
    def __init__(self, cfg, add_pooling_layer):
        super().__init__()
        d = cfg["hidden_size"]
        self.embeddings = ViTEmbeddings(cfg["image_size"], cfg["patch_size"], d)
        self.encoder = ViTEncoder(d, cfg["num_hidden_layers"], cfg["num_attention_heads"],
                                  cfg["intermediate_size"], cfg["layer_norm_eps"], cfg["qkv_bias"])
        self.layernorm = nn.LayerNorm(d, eps=cfg["layer_norm_eps"])
        self.pooler = ViTPooler(d) if add_pooling_layer else None

    def forward(self, pixel_values, interpolate_pos_encoding=False):
        x = self.embeddings(pixel_values, interpolate_pos_encoding)
        x, attns = run_blocks(self.encoder.layer, x)
        x = self.layernorm(x)
        out = {"tokens": x, "attn": attns}
        if self.pooler is not None:
            out["pooler"] = torch.tanh(self.pooler.dense(x[:, 0]))
        return out


class ViTForImageClassification(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.vit = ViTModel(cfg, add_pooling_layer=False)
        self.classifier = nn.Linear(cfg["hidden_size"], len(cfg["id2label"]))

    def forward(self, pixel_values, interpolate_pos_encoding=False):
        out = self.vit(pixel_values, interpolate_pos_encoding)
        out["logits"] = self.classifier(out["tokens"][:, 0, :])
        return out


# ============================================================================================
# lucidrains vit-pytorch, Oct 2020 revision (the layout of vit4mnist.pth)
# ============================================================================================

class VpAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = dim ** -0.5  # the model width, not the head width (this revision's choice)
        self.to_qkv = nn.Linear(dim, dim * 3, bias=False)
        self.to_out = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        h = self.heads
        # rearrange 'b n (qkv h d) -> qkv b h n d'
        q, k, v = self.to_qkv(x).reshape(b, n, 3, h, d // h).permute(2, 0, 3, 1, 4)
        dots = torch.einsum("bhid,bhjd->bhij", q, k) * self.scale
        attn = dots.softmax(dim=-1)
        out = torch.einsum("bhij,bhjd->bhid", attn, v).permute(0, 2, 1, 3).reshape(b, n, d)
        return self.to_out(out), attn


class VpFeedForward(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))

    def forward(self, x):
        return self.net(x), None


class VpPreNorm(nn.Module):
    def __init__(self, dim, fn):
        super().__init__()
        self.norm = nn.LayerNorm(dim)  # eps 1e-5 (torch default)
        self.fn = fn


class VpResidual(nn.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        y, attn = self.fn.fn(self.fn.norm(x))
        return y + x, attn


class VpTransformer(nn.Module):
    def __init__(self, dim, depth, heads, mlp_dim):
        super().__init__()
        self.layers = nn.ModuleList([nn.ModuleList([VpResidual(VpPreNorm(dim, VpAttention(dim, heads))),
                                                    VpResidual(VpPreNorm(dim, VpFeedForward(dim, mlp_dim)))])
                                     for _ in range(depth)])


class VitPytorch2020(nn.Module):
    def __init__(self, image_size, patch_size, num_classes, dim, depth, heads, mlp_dim, channels):
        super().__init__()
        self.patch_size = patch_size
        self.pos_embedding = nn.Parameter(torch.zeros(1, (image_size // patch_size) ** 2 + 1, dim))
        self.patch_to_embedding = nn.Linear(channels * patch_size ** 2, dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.transformer = VpTransformer(dim, depth, heads, mlp_dim)
        self.mlp_head = nn.Sequential(nn.Linear(dim, mlp_dim), nn.GELU(), nn.Linear(mlp_dim, num_classes))

    def forward(self, img):
        p = self.patch_size
        b, c, H, W = img.shape
        # rearrange 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)'
        x = img.reshape(b, c, H // p, p, W // p, p).permute(0, 2, 4, 3, 5, 1).reshape(b, -1, p * p * c)
        x = self.patch_to_embedding(x)
        x = torch.cat((self.cls_token.expand(b, -1, -1), x), dim=1)
        x = x + self.pos_embedding
        attns = []
        for attn, ff in self.transformer.layers:
            x, a = attn(x)
            x, _ = ff(x)
            attns.append(a)
        return {"tokens": x, "attn": attns, "logits": self.mlp_head(x[:, 0])}


# ============================================================================================
# Random weights that make the goldens discriminating
# ============================================================================================

QKV_NAMES = ("qkv", "query", "key", "to_qkv")


def randomize(model, seed):
    """Deterministic, deliberately non-trivial weights.

    Linear/conv weights N(0, 1/fan_in); q/k projections ~2.2x larger so attention maps are peaky;
    biases N(0, 0.1); LayerNorm weight 1 + N(0, 0.25), bias N(0, 0.1); layer-scale gammas in
    [0.2, 1.2]; tokens and position embeddings N(0, 0.5). DINO's weight-normed g stays 1 (as trained).
    """
    g = torch.Generator().manual_seed(seed)
    n = lambda shape: torch.randn(shape, generator=g)  # noqa: E731
    mods = dict(model.named_modules())
    for name, p in model.named_parameters():
        owner = mods[name.rsplit(".", 1)[0]] if "." in name else model
        leaf = name.rsplit(".", 1)[-1]
        if isinstance(owner, nn.LayerNorm):
            p.copy_(1 + 0.25 * n(p.shape) if leaf == "weight" else 0.1 * n(p.shape))
        elif leaf == "gamma":
            p.copy_(0.2 + torch.rand(p.shape, generator=g))
        elif leaf == "weight_g":
            p.fill_(1.0)
        elif leaf in ("weight", "weight_v") and p.dim() >= 2:
            fan_in = p[0].numel()
            gain = 2.2 if any(name.endswith(q + ".weight") for q in QKV_NAMES) else 1.0
            p.copy_(n(p.shape) * gain / math.sqrt(fan_in))
        elif leaf == "bias":
            p.copy_(0.1 * n(p.shape))
        else:  # cls / reg / mask tokens, position embeddings
            p.copy_(0.5 * n(p.shape))
    return model


# ============================================================================================
# Inputs
# ============================================================================================

def photo_input(h, w, mean, std, photo="astronaut.png"):
    """A real photo resized (PIL bicubic) to w x h, scaled to [0,1], normalised: [1,3,h,w] float32."""
    im = Image.open(shared_path("data/photos/skimage/" + photo)).convert("RGB").resize((w, h), Image.BICUBIC)
    a = np.asarray(im, dtype=np.float32) / 255.0
    a = (a - np.array(mean, np.float32)) / np.array(std, np.float32)
    return torch.from_numpy(a.transpose(2, 0, 1)[None].copy())


def render_digit(d, font_path):
    """White digit on black, MNIST-like: glyph fitted into a 20x20 box, centred by mass in 28x28."""
    font = ImageFont.truetype(font_path, 96)
    canvas = Image.new("L", (160, 160), 0)
    ImageDraw.Draw(canvas).text((30, 10), str(d), fill=255, font=font)
    glyph = canvas.crop(canvas.getbbox())
    gw, gh = glyph.size
    s = 20.0 / max(gw, gh)
    glyph = glyph.resize((max(1, round(gw * s)), max(1, round(gh * s))), Image.LANCZOS)
    a = np.asarray(glyph, dtype=np.float64)
    ys, xs = np.indices(a.shape)
    cy, cx = (ys * a).sum() / a.sum(), (xs * a).sum() / a.sum()
    out = Image.new("L", (28, 28), 0)
    out.paste(glyph, (int(round(14 - cx)), int(round(14 - cy))))
    return out


def mnist_input(png):
    a = np.asarray(png, dtype=np.float32) / 255.0
    return torch.from_numpy(((a - 0.1307) / 0.3081)[None, None].copy())


# ============================================================================================
# Generation
# ============================================================================================

class Writer:
    def __init__(self, root):
        self.root = root
        self.models = []
        self.cases = []

    def path(self, rel):
        p = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def case(self, name, model_id, model, x, interp, forward_kwargs=None, note=None):
        out = model(x, **(forward_kwargs or {}))
        attn = torch.stack([a[0] for a in out["attn"]])  # [layers, heads, N, N]
        files = {"input": f"cases/{name}/input.npy", "tokens": f"cases/{name}/tokens.npy",
                 "attn": f"cases/{name}/attn.npy"}
        save_npy(self.path(files["input"]), x)
        save_npy(self.path(files["tokens"]), out["tokens"])
        save_npy(self.path(files["attn"]), attn)
        for extra in ("logits", "pooler"):
            if extra in out:
                files[extra] = f"cases/{name}/{extra}.npy"
                save_npy(self.path(files[extra]), out[extra])
        H, W = x.shape[-2:]
        entry = {"name": name, "model": model_id, "input_hw": [H, W], "num_tokens": out["tokens"].shape[1],
                 "pos_embed_interpolated": interp, "files": files,
                 "attn_peak_mean": round(float(attn.max(-1).values.mean()), 3)}
        if note:
            entry["note"] = note
        self.cases.append(entry)
        return out


def check_resampler(name, got, grid, mh, mw, prefix=0):
    """Asserts that the documented formula reproduces torch's resampled grid."""
    ref = resample_grid(grid, mh, mw)
    g = got[0, prefix:].reshape(ref.shape).numpy()
    err = float(np.abs(g - ref).max())
    assert err < 2e-5, f"{name}: resampler formula differs from torch by {err}"
    print(f"  resampler check {name}: max |torch - formula| = {err:.2e}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=GOLDENS)
    args = ap.parse_args()
    for sub in ("models", "cases", "digits"):  # preprocess/ and npy/ belong to the other generators
        if os.path.isdir(os.path.join(args.out, sub)):
            shutil.rmtree(os.path.join(args.out, sub))
    w = Writer(args.out)

    # ---------------- timm: classic vit_* / DeiT layout ----------------
    m = randomize(TimmViT(32, 8, 32, 2, 4, 4.0, 5), seed=101).eval()
    sd = m.state_dict()
    save_safetensors(w.path("models/timm_vit/model.safetensors"), sd)
    torch.save(sd, w.path("models/timm_vit/model.pth"))
    w.models.append({
        "id": "timm_vit", "layout": "timm_vit",
        "checkpoints": [{"file": "models/timm_vit/model.safetensors", "format": "safetensors"},
                        {"file": "models/timm_vit/model.pth", "format": "torch_zip_state_dict"}],
        "config": {"patch": 8, "in_chans": 3, "dim": 32, "depth": 2, "heads": 4, "head_dim": 8, "mlp_hidden": 128,
                   "mlp_act": "gelu_erf", "ln_eps": 1e-6, "qkv": "fused", "qkv_bias": True,
                   "attn_scale": 8 ** -0.5, "attn_scale_rule": "head_dim ** -0.5",
                   "class_token": True, "reg_tokens": 0, "pos_embed_prefix_tokens": 1,
                   "layer_scale": False, "final_norm": True, "pool": "token", "head_classes": 5,
                   "trained_img": [32, 32], "trained_grid": [4, 4], "patch_embed": "conv_c_kh_kw",
                   "pos_interp": "timm_resample_abs_pos_embed", "mean": list(HALF), "std": list(HALF)},
        "source": "timm/models/vision_transformer.py VisionTransformer (0041cb7b), timm/layers/pos_embed.py (170a5b6e)"})
    w.case("timm_vit_32", "timm_vit", m, photo_input(32, 32, HALF, HALF), False)
    x = photo_input(48, 40, HALF, HALF)
    w.case("timm_vit_48x40", "timm_vit", m, x, True, note="dynamic_img_size: grid 4x4 -> 6x5")
    pos = timm_resample_abs_pos_embed(m.pos_embed, (6, 5), (4, 4), 1)
    check_resampler("timm 4x4->6x5", pos, m.pos_embed[0, 1:].reshape(4, 4, -1).numpy(),
                    bicubic_aa_matrix(4, 6), bicubic_aa_matrix(4, 5), prefix=1)

    # ---------------- timm: layer scale + 4 registers + no_embed_class ----------------
    m = randomize(TimmViT(32, 8, 32, 2, 2, 4.0, 5, reg_tokens=4, no_embed_class=True, layer_scale=True),
                  seed=102).eval()
    save_safetensors(w.path("models/timm_vit_reg4_ls/model.safetensors"), m.state_dict())
    w.models.append({
        "id": "timm_vit_reg4_ls", "layout": "timm_vit",
        "checkpoints": [{"file": "models/timm_vit_reg4_ls/model.safetensors", "format": "safetensors"}],
        "config": {"patch": 8, "in_chans": 3, "dim": 32, "depth": 2, "heads": 2, "head_dim": 16, "mlp_hidden": 128,
                   "mlp_act": "gelu_erf", "ln_eps": 1e-6, "qkv": "fused", "qkv_bias": True,
                   "attn_scale": 16 ** -0.5, "attn_scale_rule": "head_dim ** -0.5",
                   "class_token": True, "reg_tokens": 4, "token_order": "cls, reg x4, patches",
                   "pos_embed_prefix_tokens": 0, "layer_scale": True, "final_norm": True, "pool": "token",
                   "head_classes": 5, "trained_img": [32, 32], "trained_grid": [4, 4],
                   "patch_embed": "conv_c_kh_kw", "pos_interp": "timm_resample_abs_pos_embed",
                   "mean": list(IMAGENET_MEAN), "std": list(IMAGENET_STD)},
        "source": "timm/models/vision_transformer.py VisionTransformer(reg_tokens=4, no_embed_class=True, "
                  "init_values) (0041cb7b)"})
    w.case("timm_vit_reg4_ls_32", "timm_vit_reg4_ls", m, photo_input(32, 32, IMAGENET_MEAN, IMAGENET_STD), False)
    x = photo_input(24, 40, IMAGENET_MEAN, IMAGENET_STD, "coffee.png")
    w.case("timm_vit_reg4_ls_24x40", "timm_vit_reg4_ls", m, x, True, note="grid 4x4 -> 3x5 (down rows, up cols)")
    pos = timm_resample_abs_pos_embed(m.pos_embed, (3, 5), (4, 4), 0)
    check_resampler("timm no_embed_class 4x4->3x5", pos, m.pos_embed[0].reshape(4, 4, -1).numpy(),
                    bicubic_aa_matrix(4, 3), bicubic_aa_matrix(4, 5))

    # ---------------- DINO v1 ----------------
    teacher = MultiCropWrapper(DinoViT(32, 8, 32, 2, 4), DINOHead(32, 24, 48, 16))
    randomize(teacher, seed=201).eval()
    student = DDP(MultiCropWrapper(DinoViT(32, 8, 32, 2, 4), DINOHead(32, 24, 48, 16)))
    randomize(student, seed=202)  # different weights: a loader that picks the student is caught
    ckpt = collections.OrderedDict()
    ckpt["student"] = student.state_dict()
    ckpt["teacher"] = teacher.state_dict()
    ckpt["optimizer"] = {"state": {}, "param_groups": [
        {"lr": 5e-4, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.04, "amsgrad": False,
         "maximize": False, "params": [0, 1, 2]}]}
    ckpt["epoch"] = 1
    ckpt["dino_loss"] = collections.OrderedDict(center=0.1 * torch.randn(1, 24, generator=torch.Generator().manual_seed(5)))
    torch.save(ckpt, w.path("models/dino_vit/checkpoint.pth"))
    backbone = teacher.backbone
    torch.save(backbone.state_dict(), w.path("models/dino_vit/backbone.pth"))
    unsafe = {"teacher": {"backbone.cls_token": backbone.cls_token.detach().clone()}, "epoch": 1,
              "args": argparse.Namespace(arch="vit_small", patch_size=8, out_dim=24)}
    torch.save(unsafe, w.path("models/dino_vit/checkpoint_with_args.pth"))
    w.models.append({
        "id": "dino_vit", "layout": "dino_vit",
        "checkpoints": [{"file": "models/dino_vit/checkpoint.pth", "format": "torch_zip",
                         "state_dict_key": "teacher", "strip_prefixes": ["module.", "backbone."],
                         "ignore_prefixes": ["head."],
                         "note": "DINO main_dino.py save_dict: student (DDP 'module.' prefix, different weights), "
                                 "teacher, optimizer, epoch, dino_loss; no 'args' entry"},
                        {"file": "models/dino_vit/backbone.pth", "format": "torch_zip_state_dict",
                         "note": "released-backbone style (dino_deitsmall8_pretrain.pth)"}],
        "refuse": [{"file": "models/dino_vit/checkpoint_with_args.pth",
                    "reason": "pickle global argparse.Namespace (DINO saves args=Namespace); a safe loader must "
                              "refuse it with a message naming argparse.Namespace"}],
        "config": {"patch": 8, "in_chans": 3, "dim": 32, "depth": 2, "heads": 4, "head_dim": 8, "mlp_hidden": 128,
                   "mlp_act": "gelu_erf", "ln_eps": 1e-6, "qkv": "fused", "qkv_bias": True,
                   "attn_scale": 8 ** -0.5, "attn_scale_rule": "head_dim ** -0.5",
                   "class_token": True, "reg_tokens": 0, "pos_embed_prefix_tokens": 1, "layer_scale": False,
                   "final_norm": True, "pool": "token", "head_classes": 0,
                   "trained_img": [32, 32], "trained_grid": [4, 4], "patch_embed": "conv_c_kh_kw",
                   "pos_interp": "dino_interpolate_pos_encoding", "interpolate_offset": 0.1,
                   "interpolate_antialias": False, "mean": list(IMAGENET_MEAN), "std": list(IMAGENET_STD)},
        "source": "facebookresearch/dino vision_transformer.py (04c0ad95)"})
    w.case("dino_vit_32", "dino_vit", backbone, photo_input(32, 32, IMAGENET_MEAN, IMAGENET_STD), False)
    x = photo_input(40, 48, IMAGENET_MEAN, IMAGENET_STD)
    w.case("dino_vit_40x48", "dino_vit", backbone, x, True, note="grid 4x4 -> 5x6 via scale_factor (g+0.1)/4")
    pos = dino_interpolate_pos_encoding(backbone.pos_embed, 30, 40, 48, 8)
    check_resampler("dino 4x4->5x6", pos, backbone.pos_embed[0, 1:].reshape(4, 4, -1).numpy(),
                    bicubic_matrix(4, 5, 5.1 / 4), bicubic_matrix(4, 6, 6.1 / 4), prefix=1)

    # ---------------- DINOv2 (patch 14, layer scale; 0 and 4 registers) ----------------
    for regs, offset, aa, seed in ((0, 0.1, False, 301), (4, 0.0, True, 302)):
        mid = "dinov2_vit14" if regs == 0 else "dinov2_vit14_reg4"
        m = randomize(Dinov2ViT(56, 14, 32, 2, 4, regs, offset, aa), seed=seed).eval()
        torch.save(m.state_dict(), w.path(f"models/{mid}/model.pth"))
        w.models.append({
            "id": mid, "layout": "dinov2_vit",
            "checkpoints": [{"file": f"models/{mid}/model.pth", "format": "torch_zip_state_dict",
                             "note": "hub *_pretrain.pth style (block_chunks=0); mask_token present, unused"}],
            "config": {"patch": 14, "in_chans": 3, "dim": 32, "depth": 2, "heads": 4, "head_dim": 8,
                       "mlp_hidden": 128, "mlp_act": "gelu_erf", "ln_eps": 1e-6, "qkv": "fused", "qkv_bias": True,
                       "attn_scale": 8 ** -0.5, "attn_scale_rule": "head_dim ** -0.5",
                       "class_token": True, "reg_tokens": regs,
                       "token_order": "cls, reg x%d, patches" % regs if regs else "cls, patches",
                       "pos_embed_prefix_tokens": 1, "layer_scale": True,
                       "final_norm": True, "pool": "token", "head_classes": 0, "trained_img": [56, 56],
                       "trained_grid": [4, 4], "patch_embed": "conv_c_kh_kw",
                       "pos_interp": "dinov2_interpolate_pos_encoding", "interpolate_offset": offset,
                       "interpolate_antialias": aa, "mean": list(IMAGENET_MEAN), "std": list(IMAGENET_STD)},
            "source": "facebookresearch/dinov2 dinov2/models/vision_transformer.py (112792f1), "
                      "dinov2/layers/block.py (05c66df0), dinov2/hub/backbones.py"})
        w.case(f"{mid}_56", mid, m, photo_input(56, 56, IMAGENET_MEAN, IMAGENET_STD), False)
        w.case(f"{mid}_42", mid, m, photo_input(42, 42, IMAGENET_MEAN, IMAGENET_STD, "coffee.png"), True,
               note="grid 4x4 -> 3x3")
        w.case(f"{mid}_28x42", mid, m, photo_input(28, 42, IMAGENET_MEAN, IMAGENET_STD, "chelsea.png"), True,
               note="grid 4x4 -> 2x3 (non-square)")
        grid = m.pos_embed[0, 1:].reshape(4, 4, -1).numpy()
        for gh, gw in ((3, 3), (2, 3)):
            pos = dino_interpolate_pos_encoding(m.pos_embed, gh * gw, gh * 14, gw * 14, 14, offset, aa)
            if aa:
                mh, mw = bicubic_aa_matrix(4, gh), bicubic_aa_matrix(4, gw)
            else:
                mh, mw = bicubic_matrix(4, gh, (gh + offset) / 4), bicubic_matrix(4, gw, (gw + offset) / 4)
            check_resampler(f"{mid} 4x4->{gh}x{gw}", pos, grid, mh, mw, prefix=1)

    # ---------------- HF transformers ViT ----------------
    base_cfg = {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 128,
                "hidden_act": "gelu", "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0,
                "initializer_range": 0.02, "layer_norm_eps": 1e-12, "image_size": 32, "patch_size": 8,
                "num_channels": 3, "qkv_bias": True, "encoder_stride": 8, "model_type": "vit",
                "torch_dtype": "float32"}
    labels = ["tabby cat", "space shuttle", "coffee mug"]
    processor = {"do_normalize": True, "do_rescale": True, "do_resize": True, "image_mean": list(HALF),
                 "image_processor_type": "ViTImageProcessor", "image_std": list(HALF), "resample": 2,
                 "rescale_factor": 1 / 255, "size": {"height": 32, "width": 32}}
    for mid, cls in (("hf_vit_classifier", True), ("hf_vit_model", False)):
        cfg = dict(base_cfg)
        if cls:
            cfg["architectures"] = ["ViTForImageClassification"]
            cfg["id2label"] = {str(i): l for i, l in enumerate(labels)}
            cfg["label2id"] = {l: i for i, l in enumerate(labels)}
            m = ViTForImageClassification(cfg)
        else:
            cfg["architectures"] = ["ViTModel"]
            m = ViTModel(cfg, add_pooling_layer=True)
        randomize(m, seed=401 if cls else 402).eval()
        save_safetensors(w.path(f"models/{mid}/model.safetensors"), m.state_dict())
        with open(w.path(f"models/{mid}/config.json"), "w") as f:
            json.dump(cfg, f, indent=2)
        with open(w.path(f"models/{mid}/preprocessor_config.json"), "w") as f:
            json.dump(processor, f, indent=2)
        w.models.append({
            "id": mid, "layout": "hf_vit",
            "checkpoints": [{"file": f"models/{mid}/model.safetensors", "format": "safetensors",
                             "config": f"models/{mid}/config.json",
                             "preprocessor": f"models/{mid}/preprocessor_config.json",
                             "key_prefix": "vit." if cls else ""}],
            "config": {"patch": 8, "in_chans": 3, "dim": 32, "depth": 2, "heads": 4, "head_dim": 8,
                       "mlp_hidden": 128, "mlp_act": "gelu_erf", "ln_eps": 1e-12, "qkv": "separate",
                       "qkv_bias": True, "attn_scale": 8 ** -0.5, "attn_scale_rule": "head_dim ** -0.5",
                       "class_token": True, "reg_tokens": 0, "pos_embed_prefix_tokens": 1, "layer_scale": False,
                       "final_norm": True, "pool": "token", "head_classes": len(labels) if cls else 0,
                       "pooler": not cls, "trained_img": [32, 32], "trained_grid": [4, 4],
                       "patch_embed": "conv_c_kh_kw", "pos_interp": "hf_vit_interpolate_pos_encoding",
                       "mean": list(HALF), "std": list(HALF)},
            "source": "transformers/models/vit/modeling_vit.py (005db820)"})
        w.case(f"{mid}_32", mid, m, photo_input(32, 32, HALF, HALF), False)
        if cls:
            x = photo_input(48, 40, HALF, HALF, "chelsea.png")
            w.case(f"{mid}_48x40", mid, m, x, True, forward_kwargs={"interpolate_pos_encoding": True},
                   note="interpolate_pos_encoding=True: grid 4x4 -> 6x5")
            pos = m.vit.embeddings.interpolate_pos_encoding(torch.zeros(1, 31, 32), 48, 40)
            check_resampler("hf 4x4->6x5", pos, m.vit.embeddings.position_embeddings[0, 1:].reshape(4, 4, -1).numpy(),
                            bicubic_matrix(4, 6), bicubic_matrix(4, 5), prefix=1)

    # ---------------- vit-pytorch 2020: the real vit4mnist and a tiny random twin ----------------
    real = VitPytorch2020(28, 7, 10, 64, 6, 8, 128, 1).eval()
    missing = real.load_state_dict(torch.load(shared_path("models/vit4mnist.pth"), map_location="cpu"), strict=True)
    print("vit4mnist loaded strictly:", missing)
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    preds = []
    for d in range(10):
        png = render_digit(d, font)
        png.save(w.path(f"digits/digit_{d}.png"), optimize=True)
        logits = real(mnist_input(png))["logits"][0]
        preds.append(int(logits.argmax()))
    correct = sum(p == d for d, p in enumerate(preds))
    print("vit4mnist on rendered digits (truth -> predicted):",
          " ".join(f"{d}->{p}" for d, p in enumerate(preds)), f"  {correct}/10 correct")
    assert correct >= 7, "the vit-pytorch re-implementation should classify most rendered digits correctly"
    vp_cfg = {"patch": 7, "in_chans": 1, "dim": 64, "depth": 6, "heads": 8, "head_dim": 8, "mlp_hidden": 128,
              "mlp_act": "gelu_erf", "ln_eps": 1e-5, "qkv": "fused", "qkv_bias": False,
              "attn_scale": 64 ** -0.5, "attn_scale_rule": "dim ** -0.5 (model width)",
              "class_token": True, "reg_tokens": 0, "pos_embed_prefix_tokens": 1, "layer_scale": False,
              "final_norm": False, "pool": "token", "head": "mlp_head.0 Linear, GELU, mlp_head.2 Linear",
              "head_classes": 10, "trained_img": [28, 28], "trained_grid": [4, 4], "patch_embed": "linear_p1_p2_c",
              "pos_interp": "none (fixed size)", "mean": [0.1307], "std": [0.3081]}
    w.models.append({
        "id": "vit4mnist", "layout": "vit_pytorch_2020",
        "checkpoints": [{"file": "shared:models/vit4mnist.pth", "format": "torch_zip_state_dict",
                         "note": "the real trained model in ../shared, not copied into the repository"}],
        "config": vp_cfg, "rendered_digits": {str(d): f"digits/digit_{d}.png" for d in range(10)},
        "rendered_digit_predictions": preds,
        "source": "lucidrains/vit-pytorch vit_pytorch/vit_pytorch.py (Oct 2020 revision used by "
                  "pytorch/ios-demo-app ViT4MNIST/mnist_vit.py)"})
    for d in (0, 3, 7):
        png = Image.open(w.path(f"digits/digit_{d}.png"))
        w.case(f"vit4mnist_digit{d}", "vit4mnist", real, mnist_input(png), False,
               note=f"rendered digit {d} (DejaVu Sans Bold); predicted {preds[d]}")

    tiny = randomize(VitPytorch2020(28, 7, 10, 32, 2, 4, 64, 1), seed=501).eval()
    torch.save(tiny.state_dict(), w.path("models/vit_pytorch_tiny/model.pth"))
    w.models.append({
        "id": "vit_pytorch_tiny", "layout": "vit_pytorch_2020",
        "checkpoints": [{"file": "models/vit_pytorch_tiny/model.pth", "format": "torch_zip_state_dict"}],
        "config": dict(vp_cfg, dim=32, depth=2, heads=4, mlp_hidden=64, attn_scale=32 ** -0.5),
        "source": "lucidrains/vit-pytorch vit_pytorch/vit_pytorch.py (Oct 2020 revision)"})
    png = Image.open(w.path("digits/digit_5.png"))
    w.case("vit_pytorch_tiny_digit5", "vit_pytorch_tiny", tiny, mnist_input(png), False)

    # ---------------- manifest ----------------
    manifest = {
        "generator": "tools/goldens/make_vit_goldens.py",
        "torch": torch.__version__, "numpy": np.__version__,
        "conventions": {
            "npy": "float32 little-endian, C order; batch 1",
            "input": "normalised pixels [1, C, H, W] (preprocessing is tested separately)",
            "tokens": "[1, N, D] after the final norm (vit_pytorch_2020: last block output, it has no final norm)",
            "attn": "[layers, heads, N, N] softmax probabilities of every layer, rows = queries",
            "logits": "[1, classes] when the model has a classifier; pooler: HF ViTModel tanh pooler [1, D]",
            "paths": "relative to this folder; 'shared:' = relative to ../shared beside the repository root",
            "pos_embed_prefix_tokens": "how many leading tokens (cls, then registers) have an entry in pos_embed; "
                                       "tokens beyond them (e.g. DINOv2 registers, timm no_embed_class prefix) get none",
            "pool": "token = the class token (index 0) of the final tokens feeds the head / is the embedding",
        },
        "pos_interp_formulas": {
            "timm_resample_abs_pos_embed":
                "Only when the grid differs (or is non-square). Prefix tokens (cls/reg) keep their entries when "
                "pos_embed covers them. F.interpolate(size=(gh, gw), mode='bicubic', antialias=True, "
                "align_corners=False) = separable PIL-style filter per axis: scale = in/out; "
                "support = 2*max(scale,1); center = scale*(o+0.5); taps j in [max(int(center-support+0.5),0), "
                "min(int(center+support+0.5),in)); w_j = cubic_a(-0.5)((j-center+0.5)/max(scale,1)), "
                "normalised to sum 1.",
            "dino_interpolate_pos_encoding":
                "Skipped when npatch == N and H == W. F.interpolate(scale_factor=((gh+0.1)/M, (gw+0.1)/M), "
                "mode='bicubic', align_corners=False): output gh x gw, but the source coordinate uses the scale "
                "factor: src = (o+0.5)*M/(g+0.1) - 0.5; taps floor(src)-1..floor(src)+2 clamped to [0, M-1]; "
                "Keys cubic a = -0.75.",
            "dinov2_interpolate_pos_encoding":
                "Skipped when npatch == N and H == W. interpolate_offset > 0: as dino (offset instead of 0.1), "
                "antialias as configured; interpolate_offset == 0: size=(gh, gw) with "
                "antialias=interpolate_antialias (True for the *_reg models: the timm AA formula; False: "
                "src = (o+0.5)*in/out - 0.5, a = -0.75, clamped).",
            "hf_vit_interpolate_pos_encoding":
                "Only with interpolate_pos_encoding=True; skipped when npatch == N and H == W. "
                "F.interpolate(size=(gh, gw), mode='bicubic', align_corners=False): src = (o+0.5)*in/out - 0.5, "
                "Keys cubic a = -0.75, taps clamped. (Older transformers releases used the DINO +0.1 "
                "scale-factor form instead; these goldens follow the current size= form.)",
            "cubic_a": "w(x) = (a+2)|x|^3 - (a+3)|x|^2 + 1 for |x| <= 1; a|x|^3 - 5a|x|^2 + 8a|x| - 4a for 1 < |x| < 2",
        },
        "models": w.models,
        "cases": w.cases,
    }
    with open(w.path("manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)

    total = sum(os.path.getsize(os.path.join(dp, fn)) for dp, _, fns in os.walk(args.out) for fn in fns)
    print(f"\n{len(w.models)} models, {len(w.cases)} cases, {total / 1024:.0f} KiB in {args.out}")
    for c in w.cases:
        print(f"  {c['name']:28s} {c['model']:20s} {c['input_hw']} N={c['num_tokens']:3d} "
              f"interp={c['pos_embed_interpolated']!s:5s} attn-peak={c['attn_peak_mean']}")


if __name__ == "__main__":
    main()
