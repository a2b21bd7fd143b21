package org.attentionworkbench.compute.device.opencl;

/**
 * GEMM on one device: pack both operands into zero-padded panels (transposes, batch broadcast and
 * edges are resolved there, once, in O(MK + KN)), then run the O(MNK) kernel over contiguous
 * streams.
 *
 * <p>Dimension legend: b batch, M×K op(A), K×N op(B), M×N C; Kp K as stored in the panels.
 */
final class ClGemm {
    /** Bias modes of the write-back: none, one value per column of C, one per row (conv). */
    static final int NO_BIAS = 0;
    static final int BIAS_COLUMNS = 1;
    static final int BIAS_ROWS = 2;

    private final OpenClDevice dev;
    final GemmConfig config;
    private ClBuffer packedA;
    private ClBuffer packedB;

    ClGemm(OpenClDevice dev, GemmConfig config) {
        this.dev = dev;
        this.config = config;
    }

    private ClProgram program() {
        return dev.program("gemm", config.buildOptions());
    }

    /** Scratch for a packed operand, grown when needed (the in-order queue makes reuse safe). */
    private ClBuffer scratch(ClBuffer current, long floats) {
        long bytes = Math.max(4, floats * 4);
        if (current != null && current.bytes >= bytes) {
            return current;
        }
        if (current != null) {
            current.release();
        }
        return ClBuffer.allocate(dev.ctx(), bytes);
    }

    /** Floats of one batch entry of a packed operand with {@code rows} rows (of op(X)). */
    long panelFloats(int rows, int panel, int k) {
        return (long) roundUp(rows, panel) * config.depthPad(k);
    }

    /** Packs op(A) (M×K) for {@code batches} batch entries spaced {@code stride} floats apart. */
    long packA(long aMem, boolean transA, int m, int k, int batches, long stride) {
        int pa = config.panelA();
        long per = panelFloats(m, pa, k);
        packedA = scratch(packedA, per * batches);
        // op(A) rows are A's rows unless transposed: stored M×K row-major when not transA
        pack(packedA.mem, aMem, m, k, !transA, pa, batches, stride, per);
        return per;
    }

    /** Packs op(B) (K×N) column panels; B is stored K×N, or N×K when transB. */
    long packB(long bMem, boolean transB, int n, int k, int batches, long stride) {
        int pb = config.panelB();
        long per = panelFloats(n, pb, k);
        packedB = scratch(packedB, per * batches);
        pack(packedB.mem, bMem, n, k, transB, pb, batches, stride, per);
        return per;
    }

    /** Scratch for B when another kernel (im2col) packs it. */
    long packedBMem(long floats) {
        packedB = scratch(packedB, floats);
        return packedB.mem;
    }

    private void pack(long dst, long src, int rows, int depth, boolean rowMajor, int panel, int batches,
            long srcBatch, long dstBatch) {
        int kp = config.depthPad(depth);
        program().kernel("pack_panels").args().mem(dst).mem(src).l(0).i(rows).i(depth).i(rowMajor ? 1 : 0)
                .i(panel).i(kp).l(srcBatch).l(dstBatch)
                .run(dev.ctx(), new long[] {roundUp(rows, panel), kp, batches}, null);
    }

    /**
     * C[b] = alpha · A[b] · B[b] + bias from packed operands; a packed stride of 0 broadcasts that
     * operand over the batch.
     */
    void multiply(long cMem, long strideC, long aStride, long bStride, long biasMem, int biasMode, float alpha,
            int batch, int m, int n, int k) {
        long bias = biasMode == NO_BIAS ? cMem : biasMem;
        int pa = config.panelA();
        int pb = config.panelB();
        long mBlocks = roundUp(m, pa) / pa;
        long nBlocks = roundUp(n, pb) / pb;
        if (config.variant() == GemmConfig.Variant.BLOCK) {
            program().kernel("gemm_block").args().mem(cMem).mem(packedA.mem).mem(packedB.mem).mem(bias)
                    .i(m).i(n).i(k).l(aStride).l(bStride).l(strideC).f(alpha).i(biasMode)
                    .run(dev.ctx(), new long[] {mBlocks, nBlocks, batch}, new long[] {1, 1, 1});
        } else {
            int rts = config.ts() / config.wpt();
            program().kernel("gemm_tiled").args().mem(cMem).mem(packedA.mem).mem(packedB.mem).mem(bias)
                    .i(m).i(n).i(config.depthPad(k)).l(aStride).l(bStride).l(strideC).f(alpha).i(biasMode)
                    .run(dev.ctx(), new long[] {nBlocks * rts, mBlocks * rts, batch}, new long[] {rts, rts, 1});
        }
    }

    static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    void close() {
        if (packedA != null) {
            packedA.release();
        }
        if (packedB != null) {
            packedB.release();
        }
    }
}
