package org.attentionworkbench.compute.device.java;

import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.ComputeException;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.DeviceType;
import org.attentionworkbench.compute.tensor.Shapes;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Pure-Java backend: tensors are heap arrays, ops run synchronously on the {@code Parallel} pool
 * with the Vector API. It is the reference the OpenCL backend is tested against and the fallback
 * when no OpenCL driver exists.
 *
 * <p>Every op runs the matching {@link Shapes} check first, then the no-alias rules of
 * {@link org.attentionworkbench.compute.tensor.Ops}, then a kernel class: {@link Sgemm},
 * {@link RowOps}, {@link ElementOps}, {@link LayoutOps}, {@link Conv2d}, {@link StencilOps}.
 */
public final class JavaDevice implements Device {
    /** The im2col buffer of conv2d (and column buffer of convTranspose2d), grown on demand and kept (a device is used by one thread at a time). */
    private final float[][] convScratch = new float[1][];

    /**
     * @throws ComputeException when the JVM runs without the Vector API module, naming the flag
     *     that fixes it (rather than a NoClassDefFoundError in the middle of the first op)
     */
    public JavaDevice() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new ComputeException("the Java backend needs the Vector API: start the JVM with "
                    + "--add-modules jdk.incubator.vector");
        }
    }

    public static DeviceInfo info(int index) {
        Runtime rt = Runtime.getRuntime();
        return new DeviceInfo("java", index, Backend.JAVA, DeviceType.CPU, "Java (Vector API)",
                System.getProperty("java.vendor"), System.getProperty("java.version"), "JVM",
                rt.availableProcessors(), rt.maxMemory(), 0, 0);
    }

    @Override
    public DeviceInfo info() {
        return info(0);
    }

    @Override
    public Tensor allocate(int... shape) {
        long size = Shapes.size(shape);
        return new JavaTensor(this, new JavaTensor.Storage(new float[checkedSize(size)]), shape);
    }

    @Override
    public Tensor upload(float[] data, int... shape) {
        long size = Shapes.size(shape);
        if (data.length != size) {
            throw new IllegalArgumentException("upload: " + data.length + " values for shape "
                    + java.util.Arrays.toString(shape));
        }
        return new JavaTensor(this, new JavaTensor.Storage(data.clone()), shape);
    }

    /** Held in the GEMM's panel layout, so {@link #linear} packs nothing per call. */
    @Override
    public Tensor uploadWeight(float[] data, int k, int n) {
        if ((long) k * n != data.length) {
            throw new IllegalArgumentException("uploadWeight: " + data.length + " values for (" + k + ", " + n + ")");
        }
        checkedSize((long) (n + Sgemm.NR) * k);
        return new JavaTensor(this, JavaTensor.Storage.weight(data, k, n), new int[] {k, n});
    }

    /** The array itself: tensors of this device are heap arrays already. */
    @Override
    public Tensor wrap(float[] data, int... shape) {
        if (data.length != Shapes.size(shape)) {
            throw new IllegalArgumentException("wrap: " + data.length + " values for shape "
                    + java.util.Arrays.toString(shape));
        }
        return new JavaTensor(this, new JavaTensor.Storage(data), shape);
    }

    @Override
    public void download(Tensor src, float[] dst) {
        float[] d = data(src);
        if (dst.length < d.length) {
            throw new IllegalArgumentException("download: destination holds " + dst.length + " < " + d.length);
        }
        System.arraycopy(d, 0, dst, 0, d.length);
    }

    @Override
    public void finish() {
        // every op has completed when it returns
    }

    @Override
    public void close() {
        convScratch[0] = null;
    }

    private static int checkedSize(long size) {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor of " + size + " elements exceeds a Java array");
        }
        return (int) size;
    }

    /**
     * The array behind a tensor an op writes: never a weight's, whose panels would then no longer
     * match its values.
     */
    private float[] written(Tensor t) {
        if (t instanceof JavaTensor jt && t.device() == this && jt.panels() != null) {
            throw new IllegalArgumentException("tensor " + t + " is a weight (uploadWeight): ops only read it");
        }
        return data(t);
    }

    /** The array behind a tensor of this device. */
    private float[] data(Tensor t) {
        if (t.device() != this || !(t instanceof JavaTensor jt)) {
            throw new IllegalArgumentException("tensor " + t + " does not live on this Java device");
        }
        return jt.data();
    }

    private float[] optional(Tensor t) {
        return t == null ? null : data(t);
    }

    private static void noAlias(String op, float[] out, float[] in) {
        if (out == in) {
            throw new IllegalArgumentException(op + ": out must not alias the input");
        }
    }

    @Override
    public void gemm(Tensor c, Tensor a, boolean transA, Tensor b, boolean transB, Tensor bias, float alpha) {
        Shapes.GemmDims g = Shapes.gemm(c, a, transA, b, transB, bias);
        float[] cd = written(c), ad = data(a), bd = data(b);
        noAlias("gemm", cd, ad);
        noAlias("gemm", cd, bd);
        Sgemm.gemm(g.batch(), g.m(), g.n(), g.k(), alpha, ad, 0, g.strideA(), transA, bd, 0, g.strideB(), transB,
                cd, 0, g.strideC(), optional(bias), null, 0);
    }

    @Override
    public void linear(Tensor c, Tensor a, Tensor b, Tensor bias, Activation act, boolean accumulate) {
        Shapes.GemmDims g = Shapes.linear(c, a, b, bias, act, accumulate);
        float[] cd = written(c), ad = data(a);
        noAlias("linear", cd, ad);
        float[] panels = ((JavaTensor) b).panels();
        if (panels == null) {
            float[] bd = data(b);
            noAlias("linear", cd, bd);
            Sgemm.gemm(g.batch(), g.m(), g.n(), g.k(), 1f, ad, 0, g.strideA(), false, bd, 0, g.strideB(), false,
                    cd, 0, g.strideC(), optional(bias), null, 0, act, accumulate);
        } else if (g.strideA() == (long) g.m() * g.k()) {
            // a weight is one matrix for every batch entry: the batch is just more rows
            Sgemm.gemmPacked(checkedSize((long) g.batch() * g.m()), g.n(), g.k(), ad, 0, panels, cd, 0,
                    optional(bias), act, accumulate);
        } else {
            for (int i = 0; i < g.batch(); i++) {
                Sgemm.gemmPacked(g.m(), g.n(), g.k(), ad, 0, panels, cd, checkedSize(i * g.strideC()),
                        optional(bias), act, accumulate);
            }
        }
    }

    @Override
    public void attention(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale) {
        Shapes.AttentionDims d = Shapes.attention(out, probs, q, k, v);
        float[] od = written(out), pd = probs == null ? null : written(probs), qd = data(q), kd = data(k), vd = data(v);
        for (float[] in : new float[][] {qd, kd, vd}) {
            noAlias("attention", od, in);
            noAlias("attention", pd, in);
        }
        FusedAttention.attention(od, pd, qd, kd, vd, scale, d);
    }

    @Override
    public void sigmoidAttention(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v, float scale, float bias) {
        Shapes.AttentionDims d = Shapes.attention(out, probs, q, k, v);
        float[] od = written(out), pd = probs == null ? null : written(probs), qd = data(q), kd = data(k), vd = data(v);
        for (float[] in : new float[][] {qd, kd, vd}) {
            noAlias("sigmoidAttention", od, in);
            noAlias("sigmoidAttention", pd, in);
        }
        FusedAttention.sigmoidAttention(od, pd, qd, kd, vd, scale, bias, d);
    }

    @Override
    public void selfAttention(Tensor out, Tensor probs, Tensor qkv, int heads, float scale) {
        Shapes.SelfAttentionDims d = Shapes.selfAttention(out, probs, qkv, heads);
        float[] od = written(out), pd = probs == null ? null : written(probs), qd = data(qkv);
        noAlias("selfAttention", od, qd);
        noAlias("selfAttention", pd, qd);
        FusedAttention.selfAttention(od, pd, qd, scale, d);
    }

    @Override
    public void softmaxRows(Tensor out, Tensor in) {
        Shapes.Rows r = Shapes.rows("softmaxRows", out, in);
        RowOps.softmax(written(out), data(in), r.rows(), r.length());
    }

    @Override
    public void layerNorm(Tensor out, Tensor in, Tensor gamma, Tensor beta, float eps) {
        Shapes.Rows r = Shapes.layerNorm(out, in, gamma, beta);
        RowOps.layerNorm(written(out), data(in), optional(gamma), optional(beta), eps, r.rows(), r.length());
    }

    @Override
    public void activate(Tensor out, Tensor in, Activation fn) {
        Shapes.sameShape("activate", out, in);
        ElementOps.activate(written(out), data(in), (int) in.size(), fn);
    }

    @Override
    public void add(Tensor out, Tensor a, Tensor b) {
        long period = Shapes.add(out, a, b);
        float[] bd = data(b);
        if (a.size() == 0) {
            return;
        }
        ElementOps.add(written(out), data(a), bd, (int) a.size(), (int) period);
    }

    @Override
    public void scale(Tensor out, Tensor in, float s) {
        Shapes.sameShape("scale", out, in);
        ElementOps.scale(written(out), data(in), (int) in.size(), s);
    }

    @Override
    public void mul(Tensor out, Tensor a, Tensor b) {
        Shapes.mul(out, a, b);
        StencilOps.mul(written(out), data(a), data(b), (int) a.size());
    }

    @Override
    public void dot(Tensor out, Tensor a, Tensor b) {
        Shapes.dot(out, a, b);
        written(out)[0] = StencilOps.dot(data(a), data(b), (int) a.size());
    }

    @Override
    public void stencil3x3(Tensor out, Tensor in, Tensor weights) {
        Shapes.Stencil st = Shapes.stencil3x3(out, in, weights);
        float[] od = written(out), id = data(in);
        noAlias("stencil3x3", od, id);
        StencilOps.stencil3x3(od, id, data(weights), st.planes(), st.h(), st.w());
    }

    @Override
    public void permute(Tensor out, Tensor in, int... axes) {
        Shapes.permute(out, in, axes);
        float[] od = written(out), id = data(in);
        noAlias("permute", od, id);
        LayoutOps.permute(od, id, in.shape(), axes);
    }

    @Override
    public void conv2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding, int groups) {
        conv2d(out, in, weight, bias, stride, padding, groups, null);
    }

    /** The activation fused: the GEMM's epilogue, or the depthwise kernel's store. */
    @Override
    public void conv2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding, int groups,
            Activation act) {
        Shapes.ConvDims d = Shapes.conv2d(out, in, weight, bias, stride, padding, groups);
        float[] od = written(out), id = data(in);
        noAlias("conv2d", od, id);
        Conv2d.conv2d(od, id, data(weight), optional(bias), d, act, convScratch);
    }

    @Override
    public void convTranspose2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding,
            int outputPadding) {
        Shapes.ConvDims d = Shapes.convTranspose2d(out, in, weight, bias, stride, padding, outputPadding);
        float[] od = written(out), id = data(in);
        noAlias("convTranspose2d", od, id);
        Conv2d.convTranspose2d(od, id, data(weight), optional(bias), d, convScratch);
    }

    @Override
    public void mean(Tensor out, Tensor in, int axis) {
        Shapes.Reduce r = Shapes.mean(out, in, axis);
        float[] od = written(out), id = data(in);
        noAlias("mean", od, id);
        LayoutOps.mean(od, id, r.outer(), r.length(), r.inner());
    }

    @Override
    public void maxPool2d(Tensor out, Tensor in, int kernel, int stride, int padding) {
        Shapes.Pool p = Shapes.maxPool2d(out, in, kernel, stride, padding);
        float[] od = written(out), id = data(in);
        noAlias("maxPool2d", od, id);
        LayoutOps.maxPool2d(od, id, p.planes(), p.h(), p.w(), p.oh(), p.ow(), kernel, stride, padding);
    }

    @Override
    public void resizeBilinear(Tensor out, Tensor in, boolean alignCorners) {
        Shapes.Resize r = Shapes.resize(out, in);
        float[] od = written(out), id = data(in);
        noAlias("resizeBilinear", od, id);
        LayoutOps.resizeBilinear(od, id, r.planes(), r.h(), r.w(), r.oh(), r.ow(), alignCorners);
    }

    @Override
    public void copy(Tensor dst, Tensor src) {
        Shapes.copy(dst, src);
        float[] dd = written(dst), sd = data(src);
        if (dd != sd) {
            System.arraycopy(sd, 0, dd, 0, sd.length);
        }
    }

    @Override
    public void slice(Tensor out, Tensor in, int axis, int start) {
        Shapes.Region r = Shapes.region("slice", in, out, axis, start);
        copyRows(data(in), (long) r.start() * r.inner(), (long) r.big() * r.inner(), written(out), 0,
                (long) r.small() * r.inner(), r);
    }

    @Override
    public void place(Tensor out, Tensor in, int axis, int start) {
        Shapes.Region r = Shapes.region("place", out, in, axis, start);
        copyRows(data(in), 0, (long) r.small() * r.inner(), written(out), (long) r.start() * r.inner(),
                (long) r.big() * r.inner(), r);
    }

    /** r.outer rows of small·inner floats between two pitched arrays. */
    private static void copyRows(float[] src, long srcOffset, long srcPitch, float[] dst, long dstOffset,
            long dstPitch, Shapes.Region r) {
        int row = r.small() * r.inner();
        for (int o = 0; o < r.outer(); o++) {
            System.arraycopy(src, (int) (srcOffset + o * srcPitch), dst, (int) (dstOffset + o * dstPitch), row);
        }
    }
}
