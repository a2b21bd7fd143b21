package org.attentionworkbench.compute.tensor;

/**
 * The operations every backend implements, with identical results (up to float rounding).
 *
 * <p>Dimension legend: B batch, M×K and K×N GEMM operands, R rows, L row length (last axis),
 * N images, C channels, H×W spatial size; attention: H heads, Nq queries, Nk keys, Dh head width.
 *
 * <p>Calling convention: outputs first, then inputs, then weights, then scalars. Outputs are
 * pre-allocated by the caller; unless stated, an output may be the same tensor as the first input.
 * Argument checks live in {@link Shapes} so that both backends reject the same calls.
 */
public interface Ops {

    /**
     * c = alpha · op(a) · op(b) + bias, per batch. a: [..., M, K] (or [..., K, M] if transA),
     * b: [..., K, N] (or [..., N, K] if transB), c: [..., M, N], bias: N elements or null.
     * The leading axes of a or b may be absent (broadcast over c's batch). c must not alias a or b.
     */
    void gemm(Tensor c, Tensor a, boolean transA, Tensor b, boolean transB, Tensor bias, float alpha);

    /**
     * A fully connected layer with its epilogue in the same pass over c: c = act(a · b + bias), or
     * c += act(a · b + bias) when {@code accumulate} (the residual add of a transformer block), so
     * that c is not read and written again by separate activate and add ops. a [..., M, K],
     * b [..., K, N] or [K, N], c [..., M, N], bias N elements or null, act null for none (and
     * null when accumulating). c must not alias a or b.
     */
    void linear(Tensor c, Tensor a, Tensor b, Tensor bias, Activation act, boolean accumulate);

    /** c = a · b. */
    default void matmul(Tensor c, Tensor a, Tensor b) {
        gemm(c, a, false, b, false, null, 1f);
    }

    /** Softmax over the last axis, numerically stable (max subtracted). */
    void softmaxRows(Tensor out, Tensor in);

    /** Layer norm over the last axis: (x - mean) / sqrt(var + eps) · gamma + beta; gamma/beta may be null. */
    void layerNorm(Tensor out, Tensor in, Tensor gamma, Tensor beta, float eps);

    /** Element-wise activation. */
    void activate(Tensor out, Tensor in, Activation fn);

    /** out = a + b, with b the shape of a or of a trailing part of a (broadcast), or a single element. */
    void add(Tensor out, Tensor a, Tensor b);

    /** out = s · in. */
    void scale(Tensor out, Tensor in, float s);

    /** out = a ⊙ b, element by element; all three the same shape. */
    void mul(Tensor out, Tensor a, Tensor b);

    /**
     * out[0] = Σ a_i · b_i over all elements (a and b the same size, any shapes; out one element).
     * The sum is taken in a tree (OpenCL) or in double (Java): results agree to float rounding of
     * the reduction order. out must not alias a or b.
     */
    void dot(Tensor out, Tensor a, Tensor b);

    /**
     * 3×3 stencil with a weight per pixel and offset: out[p, y, x] = Σ_k weights[y, x, k] ·
     * in[p, y + dy_k, x + dx_k], k = (dy + 1)·3 + (dx + 1) for dy, dx ∈ {-1, 0, 1}, reading zero
     * outside the image. in, out [..., H, W] (all planes p share the weights), weights [H, W, 9].
     * out must not alias in. (A sparse matrix-vector product over a 3×3 pixel graph: Levin's
     * colorization Laplacian, diffusion, Poisson editing.)
     */
    void stencil3x3(Tensor out, Tensor in, Tensor weights);

    /** out = in with axes permuted: out.dim(i) = in.dim(axes[i]). out must not alias in. */
    void permute(Tensor out, Tensor in, int... axes);

    /** Swaps the last two axes. out must not alias in. */
    default void transpose(Tensor out, Tensor in) {
        int r = in.rank();
        int[] axes = new int[r];
        for (int i = 0; i < r; i++) {
            axes[i] = i;
        }
        axes[r - 2] = r - 1;
        axes[r - 1] = r - 2;
        permute(out, in, axes);
    }

    /**
     * 2-D convolution, NCHW, dilation 1. in: [N, Cin, H, W], weight: [Cout, Cin/groups, kh, kw],
     * bias: Cout elements or null, out: [N, Cout, OH, OW] with OH = (H + 2·padding - kh) / stride + 1.
     * groups == Cin == Cout is a depthwise convolution. out must not alias in.
     */
    void conv2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding, int groups);

    /**
     * {@link #conv2d} followed by the activation ({@code act} null for none), which a backend may apply
     * while each output part is still in cache instead of in a second pass (the Java backend does; a
     * CNN's convolutions are mostly memory-bound).
     */
    default void conv2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding, int groups,
            Activation act) {
        conv2d(out, in, weight, bias, stride, padding, groups);
        if (act != null) {
            activate(out, out, act);
        }
    }

    /**
     * 2-D transposed convolution (PyTorch nn.ConvTranspose2d), NCHW, dilation 1, groups 1.
     * in: [N, Cin, H, W], weight: [Cin, Cout, kh, kw] (input channels first, unlike conv2d),
     * bias: Cout elements or null, out: [N, Cout, OH, OW] with
     * OH = (H - 1)·stride - 2·padding + kh + outputPadding (OW likewise), 0 ≤ outputPadding < stride.
     * out[n, co, i·stride - padding + ky, j·stride - padding + kx] += in[n, ci, i, j] · weight[ci, co, ky, kx],
     * positions outside out dropped. out must not alias in. (DPT's reassemble upsamples with kernel = stride.)
     */
    void convTranspose2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding,
            int outputPadding);

    /**
     * 2-D max pooling (PyTorch max_pool2d with dilation 1, ceil_mode false): out[p, oy, ox] = max of
     * in[p, oy·stride − padding + ky, ox·stride − padding + kx] over the k×k window positions inside the
     * image (padding never wins). in [..., H, W], out [..., OH, OW] with OH = (H + 2·padding − k) / stride + 1,
     * padding ≤ k/2. out must not alias in. (ResNet's stem: k 3, stride 2, padding 1.)
     */
    void maxPool2d(Tensor out, Tensor in, int kernel, int stride, int padding);

    /** Mean over one axis; out has in's shape without that axis. out must not alias in. */
    void mean(Tensor out, Tensor in, int axis);

    /**
     * Bilinear resize of the last two axes, PyTorch semantics (F.interpolate mode="bilinear",
     * antialias=False): half-pixel centres when alignCorners is false. out must not alias in.
     */
    void resizeBilinear(Tensor out, Tensor in, boolean alignCorners);

    /** dst = src (same element count; shapes may differ). */
    void copy(Tensor dst, Tensor src);

    /**
     * out = in[start : start + out.dim(axis)] along one axis; all other axes equal. out must not alias in.
     */
    void slice(Tensor out, Tensor in, int axis, int start);

    /**
     * out[start : start + in.dim(axis)] = in along one axis; the rest of out is left as it is
     * (concatenation is one place per part). out must not alias in.
     */
    void place(Tensor out, Tensor in, int axis, int start);

    /**
     * Fused scaled dot-product attention: out = softmax(scale · q·kᵀ) · v per batch and head, without
     * materialising the Nq×Nk scores. q, out [B, H, Nq, Dh]; k, v [B, H, Nk, Dh]. out must not alias
     * q, k or v.
     */
    default void attention(Tensor out, Tensor q, Tensor k, Tensor v, float scale) {
        attention(out, null, q, k, v, scale);
    }

    /**
     * As {@link #attention(Tensor, Tensor, Tensor, Tensor, float)}, also writing the probabilities
     * softmax(scale · q·kᵀ) [B, H, Nq, Nk] to {@code probs} when it is not null (the views' maps):
     * one pass instead of gemm, softmax and gemm.
     */
    void attention(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale);

    /**
     * Fused sigmoid attention (FlashSigmoid, Apple ICLR'25): out = σ(scale · q·kᵀ + bias) · v per batch
     * and head, a scalar bias (the paper's is -ln Nk), no row max and no row sum; shapes as
     * {@link #attention(Tensor, Tensor, Tensor, Tensor, Tensor, float)}, with {@code probs} [B, H, Nq, Nk]
     * receiving σ(scale · q·kᵀ + bias) when it is not null. out and probs must not alias q, k or v.
     */
    void sigmoidAttention(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale, float bias);

    /**
     * Multi-head self-attention straight from the packed projection, with no layout ops around it:
     * qkv [B, N, 3·H·Dh] holds q, k and v side by side along the last axis, each heads-major (head h
     * in columns h·Dh … h·Dh + Dh - 1 of its third); out [B, N, H·Dh] = softmax(scale · q·kᵀ) · v per
     * batch and head, heads merged back into the width; probs [B, H, N, N] or null as in
     * {@link #attention(Tensor, Tensor, Tensor, Tensor, Tensor, float)}. Equals splitting qkv into
     * q, k, v [B, H, N, Dh], attention, and permuting the result to [B, N, H, Dh]. out and probs must
     * not alias qkv.
     */
    void selfAttention(Tensor out, Tensor probs, Tensor qkv, int heads, float scale);
}
