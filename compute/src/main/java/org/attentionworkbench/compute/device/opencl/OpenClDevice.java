package org.attentionworkbench.compute.device.opencl;

import static org.lwjgl.opencl.CL10.*;
import static org.lwjgl.opencl.CL11.clEnqueueCopyBufferRect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.ComputeException;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.DeviceType;
import org.attentionworkbench.compute.tensor.Shapes;
import org.attentionworkbench.compute.tensor.Tensor;
import org.lwjgl.PointerBuffer;
import org.lwjgl.opencl.CL12;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * An OpenCL device: one context and in-order queue, tensors in cl_mem buffers, ops as kernels
 * from the .cl files under /kernels (built once per device, lazily, and cached).
 *
 * <p>Dimension legend as in {@link org.attentionworkbench.compute.tensor.Ops}: B batch, M×K and
 * K×N GEMM operands, R rows, L row length, N images, C channels, H×W spatial size.
 */
public final class OpenClDevice implements Device {
    private final DeviceInfo info;
    private final ClContext ctx;
    private final Map<String, ClProgram> programs = new HashMap<>();
    private final ClGemm gemm;
    /** Work-items per row for softmax / layer norm: 1 on CPUs (a row is a loop), more on GPUs. */
    private final int rowGroup;
    /** Scores of attention on CPU drivers when the caller keeps no probabilities, reused across calls. */
    private Tensor attentionScores;
    /** Partial sums of dot, DOT_GROUPS floats, allocated on first use. */
    private ClTensor dotPartials;
    private static final int DOT_GROUPS = 256;
    private boolean closed;

    OpenClDevice(DeviceInfo info, long platform, long device) {
        this(info, platform, device, null);
    }

    /** With an explicit GEMM configuration (tests run the GPU kernels on a CPU driver this way). */
    OpenClDevice(DeviceInfo info, long platform, long device, GemmConfig gemmConfig) {
        this.info = info;
        this.ctx = ClContext.create(platform, device);
        int vw = OpenClRuntime.deviceInt(device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT);
        GemmConfig cfg = gemmConfig != null ? gemmConfig
                : GemmConfig.choose(info.type(), vw, info.maxWorkGroupSize());
        this.gemm = new ClGemm(this, cfg);
        this.rowGroup = info.type() == DeviceType.CPU ? 1 : (int) Math.min(256, Long.highestOneBit(
                Math.max(1, info.maxWorkGroupSize())));
    }

    /** Opens the same device as {@code info} with another GEMM configuration. */
    static OpenClDevice withGemm(DeviceInfo info, GemmConfig cfg) {
        OpenClRuntime.discover();
        OpenClRuntime.Handles h = OpenClRuntime.handles(info.id());
        return new OpenClDevice(info, h.platform(), h.device(), cfg);
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    ClContext ctx() {
        if (closed) {
            throw new IllegalStateException("device " + info.id() + " is closed");
        }
        return ctx;
    }

    GemmConfig gemmConfig() {
        return gemm.config;
    }

    /** The program built from /kernels/{name}.cl with {@code options}, compiled on first use. */
    ClProgram program(String name, String options) {
        String key = name + "|" + options;
        ClProgram p = programs.get(key);
        if (p == null) {
            p = ClProgram.build(ctx(), name, source(name), options);
            programs.put(key, p);
        }
        return p;
    }

    ClProgram program(String name) {
        return program(name, "");
    }

    /** Builds arbitrary source (for tests of the build-error path). */
    ClProgram buildSource(String name, String source, String options) {
        return ClProgram.build(ctx(), name, source, options);
    }

    private static String source(String name) {
        String path = "/kernels/" + name + ".cl";
        try (InputStream in = OpenClDevice.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new ComputeException("missing kernel source " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ComputeException("cannot read kernel source " + path, e);
        }
    }

    private static ClTensor cl(Tensor t) {
        if (t instanceof ClTensor c) {
            return c;
        }
        throw new IllegalArgumentException("tensor " + t + " is not an OpenCL tensor");
    }

    private ClTensor mine(Tensor t) {
        ClTensor c = cl(t);
        if (c.device() != this) {
            throw new IllegalArgumentException("tensor " + t + " lives on another device");
        }
        return c;
    }

    // --- memory -------------------------------------------------------------------------------

    private ClTensor raw(int... shape) {
        long size = Shapes.size(shape);
        return new ClTensor(this, ClBuffer.allocate(ctx(), size * 4), shape);
    }

    @Override
    public Tensor allocate(int... shape) {
        ClTensor t = raw(shape);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            ByteBuffer zero = stack.calloc(4);
            ClException.check(CL12.clEnqueueFillBuffer(ctx.queue, t.mem(), zero, 0, Math.max(4, t.size() * 4),
                    null, null), "clEnqueueFillBuffer");
        }
        return t;
    }

    @Override
    public Tensor upload(float[] data, int... shape) {
        long size = Shapes.size(shape);
        if (data.length != size) {
            throw new IllegalArgumentException("upload: " + data.length + " values for shape "
                    + java.util.Arrays.toString(shape));
        }
        ClTensor t = raw(shape);
        if (size > 0) {
            ClException.check(clEnqueueWriteBuffer(ctx.queue, t.mem(), true, 0, data, null, null),
                    "clEnqueueWriteBuffer");
        }
        return t;
    }

    @Override
    public void download(Tensor src, float[] dst) {
        ClTensor t = mine(src);
        long size = t.size();
        if (dst.length < size) {
            throw new IllegalArgumentException("download: array of " + dst.length + " for " + size + " values");
        }
        if (size == 0) {
            return;
        }
        if (dst.length == size) {
            ClException.check(clEnqueueReadBuffer(ctx.queue, t.mem(), true, 0, dst, null, null),
                    "clEnqueueReadBuffer");
            return;
        }
        // the array overload reads dst.length values: go through a buffer of the exact size
        FloatBuffer buf = MemoryUtil.memAllocFloat((int) size);
        try {
            ClException.check(clEnqueueReadBuffer(ctx.queue, t.mem(), true, 0, buf, null, null),
                    "clEnqueueReadBuffer");
            buf.get(dst, 0, (int) size);
        } finally {
            MemoryUtil.memFree(buf);
        }
    }

    @Override
    public void finish() {
        ctx().finish();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            ctx.finish();
        } finally {
            closed = true;
            if (attentionScores != null) {
                attentionScores.close();
            }
            if (dotPartials != null) {
                dotPartials.close();
            }
            gemm.close();
            programs.values().forEach(ClProgram::close);
            programs.clear();
            ctx.close();
        }
    }

    // --- ops ----------------------------------------------------------------------------------

    @Override
    public void gemm(Tensor c, Tensor a, boolean transA, Tensor b, boolean transB, Tensor bias, float alpha) {
        Shapes.GemmDims d = Shapes.gemm(c, a, transA, b, transB, bias);
        ClTensor cc = mine(c);
        if (d.batch() == 0 || d.m() == 0 || d.n() == 0) {
            return;
        }
        // 1. pack both operands (once when broadcast over the batch)
        int batchA = d.strideA() == 0 ? 1 : d.batch();
        int batchB = d.strideB() == 0 ? 1 : d.batch();
        long pa = gemm.packA(mine(a).mem(), transA, d.m(), d.k(), batchA, d.strideA());
        long pb = gemm.packB(mine(b).mem(), transB, d.n(), d.k(), batchB, d.strideB());
        // 2. multiply, scale, add the bias
        gemm.multiply(cc.mem(), d.strideC(), batchA == 1 ? 0 : pa, batchB == 1 ? 0 : pb,
                bias == null ? 0 : mine(bias).mem(), bias == null ? ClGemm.NO_BIAS : ClGemm.BIAS_COLUMNS, alpha,
                d.batch(), d.m(), d.n(), d.k());
    }

    /**
     * Composed from gemm, activate and add (the epilogue saves host-side passes on the Java
     * backend; here each op is already one kernel launch on the device).
     */
    @Override
    public void linear(Tensor c, Tensor a, Tensor b, Tensor bias, Activation act, boolean accumulate) {
        Shapes.linear(c, a, b, bias, act, accumulate);
        if (!accumulate) {
            gemm(c, a, false, b, false, bias, 1f);
            if (act != null) {
                activate(c, c, act);
            }
            return;
        }
        try (Tensor product = allocate(c.shape())) {
            gemm(product, a, false, b, false, bias, 1f);
            add(c, c, product);
        }
    }

    /**
     * On GPUs the fused kernel (attention.cl). On CPU drivers GEMM, softmax and GEMM instead: the
     * packed GEMM vectorises where the per-row kernel does not (POCL, ViT-S head at 197 tokens:
     * 2.0 ms composed vs 5.6 ms fused); the scores go to {@code probs} or to a buffer kept here.
     */
    @Override
    public void attention(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale) {
        Shapes.AttentionDims d = Shapes.attention(out, probs, q, k, v);
        if (info.type() != DeviceType.CPU) {
            attentionKernel(out, probs, q, k, v, scale, d);
            return;
        }
        Tensor scores = probs;
        if (scores == null) {
            int[] shape = {q.dim(0), q.dim(1), d.nq(), d.nk()};
            if (attentionScores == null || !java.util.Arrays.equals(attentionScores.shape(), shape)) {
                if (attentionScores != null) {
                    attentionScores.close();
                }
                attentionScores = allocate(shape);
            }
            scores = attentionScores;
        }
        gemm(scores, q, false, k, true, null, scale);
        softmaxRows(scores, scores);
        gemm(out, scores, false, v, false, null, 1f);
    }

    /**
     * Composed from layout ops around {@link #attention}: qkv [B, N, 3, H, Dh] permuted to
     * [3, B, H, N, Dh], split into q, k and v, attended, and the context [B, H, N, Dh] permuted into
     * out [B, N, H, Dh]. Each is one kernel launch on the device; the temporaries are fully written,
     * so they are not zero-filled.
     */
    @Override
    public void selfAttention(Tensor out, Tensor probs, Tensor qkv, int heads, float scale) {
        Shapes.SelfAttentionDims d = Shapes.selfAttention(out, probs, qkv, heads);
        int b = d.b(), n = d.n(), dh = d.dh();
        if (b == 0 || n == 0) {
            return;
        }
        try (Tensor packed = qkv.reshape(b, n, 3, heads, dh);
                Tensor split = raw(3, b, heads, n, dh);
                Tensor q = raw(1, b, heads, n, dh);
                Tensor k = raw(1, b, heads, n, dh);
                Tensor v = raw(1, b, heads, n, dh);
                Tensor qh = q.reshape(b, heads, n, dh);
                Tensor kh = k.reshape(b, heads, n, dh);
                Tensor vh = v.reshape(b, heads, n, dh);
                Tensor ctx = raw(b, heads, n, dh);
                Tensor merged = out.reshape(b, n, heads, dh)) {
            permute(split, packed, 2, 0, 3, 1, 4);
            slice(q, split, 0, 0);
            slice(k, split, 0, 1);
            slice(v, split, 0, 2);
            attention(ctx, probs, qh, kh, vh, scale);
            permute(merged, ctx, 0, 2, 1, 3);
        }
    }

    /** The fused kernel, whatever the device type (tests run it on CPU drivers). */
    void attentionKernel(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale,
            Shapes.AttentionDims d) {
        ClTensor o = mine(out);
        long[] inputs = {mine(q).mem(), mine(k).mem(), mine(v).mem()};
        for (long in : inputs) {
            if (o.mem() == in || (probs != null && mine(probs).mem() == in)) {
                throw new IllegalArgumentException("attention: out and probs must not alias q, k or v");
            }
        }
        // WG query rows per group = keys per tile: both tiles (k and v) must fit local memory
        int wg = attentionGroup(d.dh());
        program("attention", "-D DH=" + d.dh() + " -D WG=" + wg).kernel("attention").args().mem(o)
                .mem(probs == null ? o.mem() : mine(probs).mem()).i(probs == null ? 0 : 1)
                .mem(inputs[0]).mem(inputs[1]).mem(inputs[2]).i(d.nq()).i(d.nk()).f(scale)
                .run(ctx(), new long[] {ClGemm.roundUp(d.nq(), wg), d.bh()}, new long[] {wg, 1});
    }

    /**
     * The fused softmax kernel on any device type, public so that benchmarks can set it beside
     * {@link #sigmoidAttention} (on CPU drivers {@link #attention} composes GEMM, softmax and GEMM instead).
     */
    public void fusedAttention(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale) {
        attentionKernel(out, probs, q, k, v, scale, Shapes.attention(out, probs, q, k, v));
    }

    /**
     * The fused softmax kernel built with -D COUNT_IO: runs it and returns the floats it loaded from and
     * stored to global memory and the rows per work-group it ran with, {loads, stores, WG}, as counted by
     * its own work-items (32-bit counters: for sizes whose counts stay below 2³¹). For checking the I/O
     * formula of the zoo's byte counter.
     */
    public long[] fusedAttentionTraffic(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale) {
        Shapes.AttentionDims d = Shapes.attention(out, probs, q, k, v);
        int wg = attentionGroup(d.dh());
        ClTensor o = mine(out);
        try (Tensor io = upload(new float[2], 2)) { // two zero ints (0.0f has int bits 0)
            program("attention", "-D DH=" + d.dh() + " -D WG=" + wg + " -D COUNT_IO").kernel("attention").args().mem(o)
                    .mem(probs == null ? o.mem() : mine(probs).mem()).i(probs == null ? 0 : 1)
                    .mem(mine(q).mem()).mem(mine(k).mem()).mem(mine(v).mem()).i(d.nq()).i(d.nk()).f(scale)
                    .mem(mine(io).mem())
                    .run(ctx(), new long[] {ClGemm.roundUp(d.nq(), wg), d.bh()}, new long[] {wg, 1});
            float[] raw = download(io);
            return new long[] {Float.floatToRawIntBits(raw[0]), Float.floatToRawIntBits(raw[1]), wg};
        }
    }

    /**
     * FlashSigmoid (attention.cl's sigmoid_attention), fused on every device type: with no row softmax
     * there is no composed GEMM path to prefer on CPU drivers that would not also write the scores.
     */
    @Override
    public void sigmoidAttention(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale, float bias) {
        Shapes.AttentionDims d = Shapes.attention(out, probs, q, k, v);
        ClTensor o = mine(out);
        long[] inputs = {mine(q).mem(), mine(k).mem(), mine(v).mem()};
        for (long in : inputs) {
            if (o.mem() == in || (probs != null && mine(probs).mem() == in)) {
                throw new IllegalArgumentException("sigmoidAttention: out and probs must not alias q, k or v");
            }
        }
        if (d.bh() == 0 || d.nq() == 0) {
            return;
        }
        int wg = attentionGroup(d.dh());
        program("attention", "-D DH=" + d.dh() + " -D WG=" + wg).kernel("sigmoid_attention").args().mem(o)
                .mem(probs == null ? o.mem() : mine(probs).mem()).i(probs == null ? 0 : 1)
                .mem(inputs[0]).mem(inputs[1]).mem(inputs[2]).i(d.nq()).i(d.nk()).f(scale).f(bias)
                .run(ctx(), new long[] {ClGemm.roundUp(d.nq(), wg), d.bh()}, new long[] {wg, 1});
    }

    /** Rows per attention work-group: 32, fewer when the device's group size or local memory is smaller. */
    private int attentionGroup(int dh) {
        int wg = 32;
        long local = info.localMemBytes() > 0 ? info.localMemBytes() : 16 * 1024;
        while (wg > 1 && (wg > info.maxWorkGroupSize() || 2L * wg * dh * 4 > local)) {
            wg /= 2;
        }
        return wg;
    }

    @Override
    public void softmaxRows(Tensor out, Tensor in) {
        Shapes.Rows r = Shapes.rows("softmaxRows", out, in);
        int ls = rowGroupFor(r.length());
        program("norm").kernel("softmax_rows").args().mem(mine(out)).mem(mine(in)).i(r.length()).local(ls * 4L)
                .run(ctx(), new long[] {(long) r.rows() * ls}, new long[] {ls});
    }

    @Override
    public void layerNorm(Tensor out, Tensor in, Tensor gamma, Tensor beta, float eps) {
        Shapes.Rows r = Shapes.layerNorm(out, in, gamma, beta);
        ClTensor o = mine(out);
        int ls = rowGroupFor(r.length());
        program("norm").kernel("layer_norm").args().mem(o).mem(mine(in))
                .mem(gamma == null ? o.mem() : mine(gamma).mem()).mem(beta == null ? o.mem() : mine(beta).mem())
                .i(gamma == null ? 0 : 1).i(beta == null ? 0 : 1).i(r.length()).f(eps).local(ls * 4L)
                .run(ctx(), new long[] {(long) r.rows() * ls}, new long[] {ls});
    }

    /** A power-of-two work-group no larger than the row (short rows waste no work-items). */
    private int rowGroupFor(int length) {
        int ls = rowGroup;
        while (ls > 1 && ls / 2 >= length) {
            ls /= 2;
        }
        return ls;
    }

    @Override
    public void activate(Tensor out, Tensor in, Activation fn) {
        Shapes.sameShape("activate", out, in);
        String kernel = switch (fn) {
            case RELU -> "act_relu";
            case RELU6 -> "act_relu6";
            case GELU -> "act_gelu";
        };
        long n = in.size();
        program("elementwise").kernel(kernel).args().mem(mine(out)).mem(mine(in)).l(n)
                .run(ctx(), new long[] {vec4(n)}, null);
    }

    @Override
    public void add(Tensor out, Tensor a, Tensor b) {
        long blen = Shapes.add(out, a, b);
        long n = a.size();
        ClProgram p = program("elementwise");
        if (blen == n) {
            p.kernel("add_same").args().mem(mine(out)).mem(mine(a)).mem(mine(b)).l(n)
                    .run(ctx(), new long[] {vec4(n)}, null);
        } else if (blen == 1) {
            p.kernel("add_scalar").args().mem(mine(out)).mem(mine(a)).mem(mine(b)).l(n)
                    .run(ctx(), new long[] {vec4(n)}, null);
        } else {
            p.kernel("add_rows").args().mem(mine(out)).mem(mine(a)).mem(mine(b)).i((int) blen)
                    .run(ctx(), new long[] {blen, n / blen}, null);
        }
    }

    @Override
    public void scale(Tensor out, Tensor in, float s) {
        Shapes.sameShape("scale", out, in);
        long n = in.size();
        program("elementwise").kernel("scale").args().mem(mine(out)).mem(mine(in)).l(n).f(s)
                .run(ctx(), new long[] {vec4(n)}, null);
    }

    @Override
    public void mul(Tensor out, Tensor a, Tensor b) {
        Shapes.mul(out, a, b);
        long n = a.size();
        program("stencil").kernel("mul").args().mem(mine(out)).mem(mine(a)).mem(mine(b)).l(n)
                .run(ctx(), new long[] {vec4(n)}, null);
    }

    /**
     * Two kernels: DOT_GROUPS groups each reduce a strided share into a partial sum (kept in a
     * buffer of this device), then one group sums the partials into out. The caller reads one float.
     */
    @Override
    public void dot(Tensor out, Tensor a, Tensor b) {
        Shapes.dot(out, a, b);
        long n = a.size();
        int ls = dotGroup();
        int groups = (int) Math.max(1, Math.min(DOT_GROUPS, (n + ls - 1) / ls));
        if (dotPartials == null) {
            dotPartials = raw(DOT_GROUPS);
        }
        ClProgram p = program("stencil");
        p.kernel("dot_partial").args().mem(dotPartials.mem()).mem(mine(a)).mem(mine(b)).l(n).local(ls * 4L)
                .run(ctx(), new long[] {(long) groups * ls}, new long[] {ls});
        p.kernel("dot_final").args().mem(mine(out)).mem(dotPartials.mem()).i(groups).local(ls * 4L)
                .run(ctx(), new long[] {ls}, new long[] {ls});
    }

    /** Work-items per dot group: a power of two up to 64, within the device's group size. */
    private int dotGroup() {
        return (int) Math.min(64, Long.highestOneBit(Math.max(1, info.maxWorkGroupSize())));
    }

    @Override
    public void stencil3x3(Tensor out, Tensor in, Tensor weights) {
        Shapes.Stencil st = Shapes.stencil3x3(out, in, weights);
        ClTensor o = mine(out), i = mine(in);
        if (o.mem() == i.mem()) {
            throw new IllegalArgumentException("stencil3x3: out must not alias in");
        }
        program("stencil").kernel("stencil3x3").args().mem(o).mem(i).mem(mine(weights))
                .i(st.h()).i(st.w()).run(ctx(), new long[] {st.w(), st.h(), st.planes()}, null);
    }

    private static long vec4(long n) {
        return (n + 3) / 4;
    }

    @Override
    public void permute(Tensor out, Tensor in, int... axes) {
        Shapes.permute(out, in, axes);
        if (in.size() == 0) {
            return;
        }
        // merge output axes that are also adjacent in the input; drop size-1 axes
        int[] s = in.shape();
        long[] st = Shapes.strides(s);
        int[] dims = new int[axes.length];
        long[] strides = new long[axes.length];
        int r = 0;
        for (int ax : axes) {
            if (s[ax] == 1) {
                continue;
            }
            if (r > 0 && strides[r - 1] == st[ax] * s[ax]) {
                dims[r - 1] *= s[ax];
                strides[r - 1] = st[ax];
            } else {
                dims[r] = s[ax];
                strides[r] = st[ax];
                r++;
            }
        }
        if (r > 8) {
            throw new ComputeException("permute: more than 8 axes remain after merging " + java.util.Arrays.toString(s));
        }
        // left-pad to rank 8
        int[] d = new int[8];
        long[] sd = new long[8];
        java.util.Arrays.fill(d, 1);
        for (int i = 0; i < r; i++) {
            d[8 - r + i] = dims[i];
            sd[8 - r + i] = strides[i];
        }
        long outer = (long) d[0] * d[1] * d[2] * d[3] * d[4] * d[5];
        ClKernel.Args args = program("permute").kernel("permute8").args().mem(mine(out)).mem(mine(in));
        for (int v : d) {
            args.i(v);
        }
        for (long v : sd) {
            args.l(v);
        }
        args.run(ctx(), new long[] {d[7], d[6], outer}, null);
    }

    @Override
    public void conv2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding, int groups) {
        Shapes.ConvDims c = Shapes.conv2d(out, in, weight, bias, stride, padding, groups);
        ClTensor o = mine(out);
        long biasMem = bias == null ? o.mem() : mine(bias).mem();
        if (groups == 1) {
            // implicit GEMM: out[n] (Cout × OH·OW) = weight (Cout × Cin·KH·KW) · im2col(in[n])
            int depth = c.cin() * c.kh() * c.kw();
            int pixels = c.oh() * c.ow();
            gemm.packA(mine(weight).mem(), false, c.cout(), depth, 1, 0);
            int pb = gemm.config.panelB();
            int kp = gemm.config.depthPad(depth);
            long per = gemm.panelFloats(pixels, pb, depth);
            long packed = gemm.packedBMem(per * c.batch());
            program("conv").kernel("pack_im2col").args().mem(packed).mem(mine(in)).i(c.cin()).i(c.h()).i(c.w())
                    .i(c.kh()).i(c.kw()).i(c.oh()).i(c.ow()).i(stride).i(padding).i(pb).i(kp).l(per)
                    .run(ctx(), new long[] {kp, ClGemm.roundUp(pixels, pb) / pb, c.batch()}, null);
            gemm.multiply(o.mem(), (long) c.cout() * pixels, 0, per, biasMem,
                    bias == null ? ClGemm.NO_BIAS : ClGemm.BIAS_ROWS, 1f, c.batch(), c.cout(), pixels, depth);
        } else {
            // grouped and depthwise: direct, one work-item per output value
            program("conv").kernel("conv_direct").args().mem(o).mem(mine(in)).mem(mine(weight)).mem(biasMem)
                    .i(bias == null ? 0 : 1).i(c.cin()).i(c.h()).i(c.w()).i(c.cout()).i(c.kh()).i(c.kw())
                    .i(c.oh()).i(c.ow()).i(stride).i(padding).i(groups)
                    .run(ctx(), new long[] {c.ow(), c.oh(), (long) c.batch() * c.cout()}, null);
        }
    }

    @Override
    public void convTranspose2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding,
            int outputPadding) {
        Shapes.ConvDims c = Shapes.convTranspose2d(out, in, weight, bias, stride, padding, outputPadding);
        ClTensor o = mine(out);
        long biasMem = bias == null ? o.mem() : mine(bias).mem();
        // 1. every tap's contribution: cols[n] (Cout·KH·KW × H·W) = weightᵀ (weight is Cin × Cout·KH·KW) · in[n]
        int rows = c.cout() * c.kh() * c.kw();
        int pixels = c.h() * c.w();
        try (Tensor cols = allocate(c.batch(), rows, pixels)) {
            gemm.packA(mine(weight).mem(), true, rows, c.cin(), 1, 0);
            long pb = gemm.packB(mine(in).mem(), false, pixels, c.cin(), c.batch(), (long) c.cin() * pixels);
            gemm.multiply(mine(cols).mem(), (long) rows * pixels, 0, pb, 0, ClGemm.NO_BIAS, 1f, c.batch(), rows,
                    pixels, c.cin());
            // 2. each output value gathers the taps that land on it
            program("conv").kernel("col2im_transpose").args().mem(o).mem(mine(cols)).mem(biasMem)
                    .i(bias == null ? 0 : 1).i(c.h()).i(c.w()).i(c.cout()).i(c.kh()).i(c.kw())
                    .i(c.oh()).i(c.ow()).i(stride).i(padding)
                    .run(ctx(), new long[] {c.ow(), c.oh(), (long) c.batch() * c.cout()}, null);
        }
    }

    @Override
    public void mean(Tensor out, Tensor in, int axis) {
        Shapes.Reduce r = Shapes.mean(out, in, axis);
        program("reduce").kernel("mean_axis").args().mem(mine(out)).mem(mine(in)).i(r.length()).i(r.inner())
                .run(ctx(), new long[] {r.inner(), r.outer()}, null);
    }

    @Override
    public void maxPool2d(Tensor out, Tensor in, int kernel, int stride, int padding) {
        Shapes.Pool p = Shapes.maxPool2d(out, in, kernel, stride, padding);
        program("resize").kernel("max_pool2d").args().mem(mine(out)).mem(mine(in)).i(p.h()).i(p.w())
                .i(p.oh()).i(p.ow()).i(kernel).i(stride).i(padding)
                .run(ctx(), new long[] {p.ow(), p.oh(), p.planes()}, null);
    }

    @Override
    public void resizeBilinear(Tensor out, Tensor in, boolean alignCorners) {
        Shapes.Resize r = Shapes.resize(out, in);
        program("resize").kernel("resize_bilinear").args().mem(mine(out)).mem(mine(in)).i(r.h()).i(r.w())
                .i(r.oh()).i(r.ow()).f(scale(r.h(), r.oh(), alignCorners)).f(scale(r.w(), r.ow(), alignCorners))
                .i(alignCorners ? 1 : 0)
                .run(ctx(), new long[] {r.ow(), r.oh(), r.planes()}, null);
    }

    /** PyTorch's area_pixel_compute_scale without a given scale factor. */
    private static float scale(int in, int out, boolean alignCorners) {
        if (alignCorners) {
            return out > 1 ? (float) (in - 1) / (out - 1) : 0f;
        }
        return (float) in / out;
    }

    @Override
    public void copy(Tensor dst, Tensor src) {
        Shapes.copy(dst, src);
        long d = mine(dst).mem();
        long s = mine(src).mem();
        if (d == s || src.size() == 0) {
            return;
        }
        ClException.check(clEnqueueCopyBuffer(ctx().queue, s, d, 0, 0, src.size() * 4, null, null),
                "clEnqueueCopyBuffer");
    }

    @Override
    public void slice(Tensor out, Tensor in, int axis, int start) {
        Shapes.Region r = Shapes.region("slice", in, out, axis, start);
        copyRect(mine(in).mem(), (long) r.start() * r.inner(), (long) r.big() * r.inner(),
                mine(out).mem(), 0, (long) r.small() * r.inner(), r);
    }

    @Override
    public void place(Tensor out, Tensor in, int axis, int start) {
        Shapes.Region r = Shapes.region("place", out, in, axis, start);
        copyRect(mine(in).mem(), 0, (long) r.small() * r.inner(),
                mine(out).mem(), (long) r.start() * r.inner(), (long) r.big() * r.inner(), r);
    }

    /** Copies r.outer rows of small·inner floats between two pitched buffers, in one rect copy. */
    private void copyRect(long src, long srcOffset, long srcPitch, long dst, long dstOffset, long dstPitch,
            Shapes.Region r) {
        long rowBytes = (long) r.small() * r.inner() * 4;
        if (rowBytes == 0 || r.outer() == 0) {
            return;
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer srcOrigin = stack.pointers(srcOffset * 4, 0, 0);
            PointerBuffer dstOrigin = stack.pointers(dstOffset * 4, 0, 0);
            PointerBuffer region = stack.pointers(rowBytes, r.outer(), 1);
            ClException.check(clEnqueueCopyBufferRect(ctx().queue, src, dst, srcOrigin, dstOrigin, region,
                    srcPitch * 4, 0, dstPitch * 4, 0, null, null), "clEnqueueCopyBufferRect");
        }
    }
}
