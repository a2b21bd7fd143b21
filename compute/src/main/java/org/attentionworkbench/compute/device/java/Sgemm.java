package org.attentionworkbench.compute.device.java;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Activation;

/**
 * Single-precision GEMM in the BLIS/GotoBLAS structure: C = alpha · op(A) · op(B) + bias.
 *
 * <p>Dimension legend: M×K op(A), K×N op(B), M×N C; MR×NR the register tile of the micro-kernel
 * (NR = two vectors of the preferred species, MR rows), MC×KC the packed block of A (L2),
 * KC×NC the packed block of B (L3).
 *
 * <p>{@link #gemm}, any operands: loops, outermost first, NC columns, KC depth (pack B), MC rows
 * (pack A), NR columns, MR rows (micro-kernel). Transposed operands are absorbed by the packing
 * routines. Work is split across threads by batch, then by NR-aligned column ranges (or row
 * ranges when N is narrow); each thread packs into its own reused scratch.
 *
 * <p>{@link #gemmPacked}, a Linear layer's product: B is a weight packed once at load
 * ({@link #packPanels}) and A is read in place, so a call packs nothing. Depth blocks up to
 * KC_ROWS, then all rows (up to MC_ROWS) against one NR panel after another: each panel comes
 * from memory once and serves every row tile from L1/L2, while A's block stays in L2.
 *
 * <p>Both paths share one micro-kernel, which reads MR rows of A at a stride (a packed tile or A
 * itself) and a B panel of NR floats per depth step.
 */
final class Sgemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Float lanes per vector. */
    static final int L = S.length();
    /** Register tile: NR columns (two vectors) by MR rows; 32 vector registers allow 8 rows. */
    static final int NR = 2 * L;
    static final int MR = L >= 16 ? 8 : 6;
    static final int KC = Integer.getInteger("workbench.gemm.kc", 256);
    static final int MC = MR * Integer.getInteger("workbench.gemm.mcTiles", 16);
    static final int NC = NR * Integer.getInteger("workbench.gemm.ncTiles", 64);
    /**
     * Rows of A per block in {@link #gemmPacked}, read in place from L2: 256 rows × 512 deep is half
     * of a 1 MB L2 (512 rows measured 3-17% slower at 1576 rows, ViT-S batch 8).
     */
    static final int MC_ROWS = MR * Integer.getInteger("workbench.gemm.rowTiles", 32);
    static final int KC_ROWS = Integer.getInteger("workbench.gemm.rowKc", 512);

    /**
     * Below this many multiply-adds one thread does the whole call: about 40 µs of work, where
     * handing half to a pool thread measured slower than keeping it (192³ serial, 256³ split).
     */
    private static final long SERIAL_WORK = 1L << 23;

    /** Runs of panels per thread in {@link #gemmPacked}, claimed dynamically. */
    private static final int UNITS_PER_THREAD = Integer.getInteger("workbench.gemm.unitsPerThread", 4);

    /** Per-thread packing buffers, reused across calls. */
    private static final class Scratch {
        final float[] a = new float[Math.max(MC * KC, MR * KC_ROWS)];
        final float[] b = CacheLines.floats(KC * NC); // from CacheLines.SKIP
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Sgemm() {}

    /**
     * Batched GEMM over contiguous operands. {@code colBias} (N values) or {@code rowBias} (M
     * values, at {@code rowBiasOff}) may be given; a stride of 0 broadcasts that operand.
     */
    static void gemm(int batch, int m, int n, int k, float alpha,
            float[] a, int aOff, long strideA, boolean transA,
            float[] b, int bOff, long strideB, boolean transB,
            float[] c, int cOff, long strideC,
            float[] colBias, float[] rowBias, int rowBiasOff) {
        gemm(batch, m, n, k, alpha, a, aOff, strideA, transA, b, bOff, strideB, transB, c, cOff, strideC, colBias,
                rowBias, rowBiasOff, null, false);
    }

    /**
     * As above with an epilogue: {@code act} (null for none) applied to each finished part of C
     * while it is still in cache, or with {@code accumulate} the product added to what C held
     * (not both: the product would need activating before it meets the old C).
     */
    static void gemm(int batch, int m, int n, int k, float alpha,
            float[] a, int aOff, long strideA, boolean transA,
            float[] b, int bOff, long strideB, boolean transB,
            float[] c, int cOff, long strideC,
            float[] colBias, float[] rowBias, int rowBiasOff, Activation act, boolean accumulate) {
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        Problem p = new Problem(m, n, k, alpha, a, transA, b, transB, c, colBias, rowBias, rowBiasOff, act,
                accumulate);
        long work = (long) batch * m * n * Math.max(k, 1);
        int threads = Parallel.threads();
        if (work < SERIAL_WORK || threads == 1) {
            for (int i = 0; i < batch; i++) {
                p.run(aOff + i * strideA, bOff + i * strideB, cOff + i * strideC, 0, m, 0, n);
            }
            return;
        }
        // Split each batch entry into parts so that the parts share out evenly over the threads
        // (batch·parts a multiple of threads; whole entries once there are plenty): NR-aligned
        // column ranges, or MR-aligned row ranges when C is too narrow to share out.
        int parts = batch >= 8 * threads ? 1 : threads / gcd(batch, threads);
        boolean splitRows = n < parts * NR && m >= n;
        int perBatch = Math.min(parts, splitRows ? ceilDiv(m, MR) : ceilDiv(n, NR));
        Parallel.forRange(0, batch * perBatch, 1, (from, to) -> {
            for (int u = from; u < to; u++) {
                int i = u / perBatch;
                int part = u % perBatch;
                long ao = aOff + i * strideA, bo = bOff + i * strideB, co = cOff + i * strideC;
                if (splitRows) {
                    int lo = split(m, MR, perBatch, part), hi = split(m, MR, perBatch, part + 1);
                    p.run(ao, bo, co, lo, hi, 0, n);
                } else {
                    int lo = split(n, NR, perBatch, part), hi = split(n, NR, perBatch, part + 1);
                    p.run(ao, bo, co, 0, m, lo, hi);
                }
            }
        });
    }

    /**
     * B (K×N, row-major at {@code off}) repacked once into the micro-kernel's layout: ceil(N/NR)
     * panels, each K rows of NR floats, the last zero-padded, from index {@link CacheLines#SKIP}
     * (on a cache line). A weight packed at load is then read
     * by {@link #gemmPacked} straight from this array: no packing per call, and one sequential
     * stream per panel, which the hardware prefetcher follows from memory.
     */
    static float[] packPanels(float[] b, int off, int k, int n) {
        int panels = ceilDiv(n, NR);
        float[] p = CacheLines.floats(Math.multiplyExact(Math.multiplyExact(panels, k), NR));
        for (int jp = 0; jp < panels; jp++) {
            int cols = Math.min(NR, n - jp * NR);
            for (int row = 0; row < k; row++) {
                System.arraycopy(b, off + row * n + jp * NR, p, CacheLines.SKIP + (jp * k + row) * NR, cols);
            }
        }
        return p;
    }

    /** B (K×N) back from {@link #packPanels}' layout. */
    static void unpackPanels(float[] p, int k, int n, float[] b, int off) {
        for (int jp = 0; jp * NR < n; jp++) {
            int cols = Math.min(NR, n - jp * NR);
            for (int row = 0; row < k; row++) {
                System.arraycopy(p, CacheLines.SKIP + (jp * k + row) * NR, b, off + row * n + jp * NR, cols);
            }
        }
    }

    /**
     * C (M×N) = A (M×K, row-major) · B + colBias, B given as {@link #packPanels} panels; with the
     * same epilogues as {@link #gemm}. A is read in place (its rows are the micro-kernel's broadcast
     * streams); only a ragged last row tile is copied, zero-padded. Threads share out the panels
     * (or the rows when there are too few panels).
     */
    static void gemmPacked(int m, int n, int k, float[] a, int aOff, float[] bp, float[] c, int cOff,
            float[] colBias, Activation act, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        int panels = ceilDiv(n, NR);
        int threads = Parallel.threads();
        if ((long) m * n * Math.max(k, 1) < SERIAL_WORK || threads == 1) {
            packedRange(m, n, k, a, aOff, bp, c, cOff, colBias, act, accumulate, 0, m, 0, panels);
            return;
        }
        if (panels < 2 * threads) {
            // too few panels to share out: rows instead
            int parts = Math.min(threads, ceilDiv(m, MR));
            Parallel.forRange(0, parts, 1, (from, to) -> {
                for (int part = from; part < to; part++) {
                    packedRange(m, n, k, a, aOff, bp, c, cOff, colBias, act, accumulate,
                            split(m, MR, parts, part), split(m, MR, parts, part + 1), 0, panels);
                }
            });
            return;
        }
        // Runs of panels, claimed by whichever thread is free: a thread slowed by another process
        // on a shared machine takes fewer, instead of the call waiting for its fixed half.
        int units = Math.min(panels, UNITS_PER_THREAD * threads);
        AtomicInteger claimed = new AtomicInteger();
        Parallel.forRange(0, threads, 1, (from, to) -> {
            // Two threads take runs from opposite ends and meet once: C's rows are not cache-line
            // aligned, so a line straddles every run boundary, and a line both threads write moves
            // between their caches on each store (ViT-S GEMMs, hot, 2 threads: 298-339 GFLOP/s with the
            // runs interleaved, 355-389 taken from both ends).
            boolean twoEnded = threads == 2;
            for (int taken = 0, u; (u = claimed.getAndIncrement()) < units; taken++) {
                if (twoEnded) {
                    u = from == 0 ? taken : units - 1 - taken;
                }
                int p0 = (int) ((long) panels * u / units), p1 = (int) ((long) panels * (u + 1) / units);
                packedRange(m, n, k, a, aOff, bp, c, cOff, colBias, act, accumulate, 0, m, p0, p1);
            }
        });
    }

    /** Rows [m0, m1) × panels [p0, p1) of {@link #gemmPacked}. */
    private static void packedRange(int m, int n, int k, float[] a, int aOff, float[] bp, float[] c, int cOff,
            float[] colBias, Activation act, boolean accumulate, int m0, int m1, int p0, int p1) {
        int n0 = p0 * NR, n1 = Math.min(n, p1 * NR);
        Scratch s = SCRATCH.get();
        startC(c, cOff, n, colBias, null, 0, accumulate, m0, m1, n0, n1);
        // depth in equal blocks of at most KC_ROWS: fewer passes over C than fixed blocks with a short tail
        int depthBlock = ceilDiv(k, ceilDiv(Math.max(k, 1), KC_ROWS));
        for (int pc = 0; pc < k; pc += depthBlock) {
            int kc = Math.min(depthBlock, k - pc);
            for (int ic = m0; ic < m1; ic += MC_ROWS) {
                int mc = Math.min(MC_ROWS, m1 - ic);
                int full = mc / MR * MR;
                if (full < mc) {
                    // the ragged last tile of rows, zero-padded to MR rows with row stride kc
                    float[] t = s.a;
                    java.util.Arrays.fill(t, 0, MR * kc, 0f);
                    for (int i = full; i < mc; i++) {
                        System.arraycopy(a, aOff + (ic + i) * k + pc, t, (i - full) * kc, kc);
                    }
                }
                for (int jp = p0; jp < p1; jp++) {
                    int nr = Math.min(NR, n - jp * NR);
                    int bOff = CacheLines.SKIP + (jp * k + pc) * NR;
                    int col = jp * NR;
                    for (int ir = 0; ir < full; ir += MR) {
                        int cIdx = cOff + (ic + ir) * n + col;
                        int aIdx = aOff + (ic + ir) * k + pc;
                        if (nr == NR) {
                            microRows(kc, a, aIdx, k, bp, bOff, c, cIdx, n);
                        } else {
                            edgeTile(s, kc, a, aIdx, k, bp, bOff, c, cIdx, n, MR, nr);
                        }
                    }
                    if (full < mc) {
                        edgeTile(s, kc, s.a, 0, kc, bp, bOff, c, cOff + (ic + full) * n + col, n, mc - full, nr);
                    }
                }
            }
        }
        if (act != null) {
            ElementOps.activateRows(c, cOff + m0 * n, m1 - m0, n, n0, n1, act);
        }
    }

    /** An mr×nr corner of C through the scratch tile; A has MR readable rows (padding beyond mr). */
    private static void edgeTile(Scratch s, int kc, float[] a, int aIdx, int lda, float[] bp, int bOff, float[] c,
            int cIdx, int ldc, int mr, int nr) {
        float[] t = s.tile;
        java.util.Arrays.fill(t, 0f);
        for (int i = 0; i < mr; i++) {
            System.arraycopy(c, cIdx + i * ldc, t, i * NR, nr);
        }
        microRows(kc, a, aIdx, lda, bp, bOff, t, 0, NR);
        for (int i = 0; i < mr; i++) {
            System.arraycopy(t, i * NR, c, cIdx + i * ldc, nr);
        }
    }

    /** C[MR×NR] += A[MR×kc] (rows {@code lda} apart) · B panel [kc×NR] (NR floats per depth step). */
    private static void microRows(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, float[] c, int cOff,
            int ldc) {
        if (MR == 8) {
            micro8Rows(kc, a, aOff, lda, bp, bOff, c, cOff, ldc);
        } else {
            micro6Rows(kc, a, aOff, lda, bp, bOff, c, cOff, ldc);
        }
    }

    private static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** Start of part {@code part} of {@code parts} over [0, len), aligned to {@code align}. */
    private static int split(int len, int align, int parts, int part) {
        int blocks = ceilDiv(len, align);
        int start = (int) ((long) blocks * part / parts) * align;
        return Math.min(len, start);
    }

    /** One GEMM's operands; {@link #run} computes a rectangle of C for one batch entry. */
    private record Problem(int m, int n, int k, float alpha, float[] a, boolean transA, float[] b,
            boolean transB, float[] c, float[] colBias, float[] rowBias, int rowBiasOff, Activation act,
            boolean accumulate) {

        void run(long aOffL, long bOffL, long cOffL, int m0, int m1, int n0, int n1) {
            int aOff = Math.toIntExact(aOffL), bOff = Math.toIntExact(bOffL), cOff = Math.toIntExact(cOffL);
            Scratch s = SCRATCH.get();
            // Start C at the bias (or zero): the micro-kernel always accumulates into C, which keeps it
            // one small method that C2 compiles without boxing its accumulators. With accumulate, C
            // keeps what it held and the bias is added to it.
            startC(c, cOff, n, colBias, rowBias, rowBiasOff, accumulate, m0, m1, n0, n1);
            for (int jc = n0; jc < n1; jc += NC) {
                int nc = Math.min(NC, n1 - jc);
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    packB(s.b, b, bOff, transB, k, n, pc, kc, jc, nc);
                    for (int ic = m0; ic < m1; ic += MC) {
                        int mc = Math.min(MC, m1 - ic);
                        packA(s.a, a, aOff, transA, m, k, ic, mc, pc, kc, alpha);
                        macroKernel(s, mc, nc, kc, c, cOff + ic * n + jc, n);
                    }
                }
            }
            // Epilogue: the activation over this thread's finished rectangle, still in cache
            if (act != null) {
                ElementOps.activateRows(c, cOff + m0 * n, m1 - m0, n, n0, n1, act);
            }
        }
    }

    /**
     * C[m0:m1, n0:n1] starts at the bias (or zero), or with {@code accumulate} keeps what it held
     * plus the bias: the micro-kernels always accumulate into C, which keeps them small methods that
     * C2 compiles without boxing their accumulators.
     */
    private static void startC(float[] c, int cOff, int n, float[] colBias, float[] rowBias, int rowBiasOff,
            boolean accumulate, int m0, int m1, int n0, int n1) {
        for (int i = m0; i < m1; i++) {
            int row = cOff + i * n;
            float rb = rowBias != null ? rowBias[rowBiasOff + i] : 0f;
            if (accumulate) {
                ElementOps.addBias(c, row + n0, colBias, n0, n1 - n0, rb);
            } else if (colBias == null) {
                java.util.Arrays.fill(c, row + n0, row + n1, rb);
            } else {
                for (int j = n0; j < n1; j++) {
                    c[row + j] = colBias[j] + rb;
                }
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-wide panels, zero-padded: panel-major, then depth. */
    static void packB(float[] dst, float[] b, int bOff, boolean transB, int k, int n, int pc, int kc, int jc, int nc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = CacheLines.SKIP + jr * kc;
            if (!transB) {
                // rows of B are contiguous: copy NR floats per depth step (arraycopy, not vectors:
                // it is fast before C2 has compiled this method too, which matters for small calls)
                int src = bOff + pc * n + jc + jr;
                for (int p = 0; p < kc; p++, src += n) {
                    int d = base + p * NR;
                    System.arraycopy(b, src, dst, d, nr);
                    if (nr < NR) {
                        java.util.Arrays.fill(dst, d + nr, d + NR, 0f);
                    }
                }
            } else {
                // B is stored N×K: column j of op(B) is a contiguous row of B
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (jc + jr + j) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * NR + j] = b[src + p];
                    }
                }
                if (nr < NR) {
                    for (int p = 0; p < kc; p++) {
                        java.util.Arrays.fill(dst, base + p * NR + nr, base + p * NR + NR, 0f);
                    }
                }
            }
        }
    }

    /**
     * Packs alpha · op(A)[ic:ic+mc, pc:pc+kc] into tiles of MR rows, each row kc floats (the layout
     * the micro-kernel reads A in place, with row stride kc), missing rows zero. Folding alpha in
     * here keeps it out of the micro-kernel.
     */
    static void packA(float[] dst, float[] a, int aOff, boolean transA, int m, int k, int ic, int mc, int pc, int kc,
            float alpha) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (!transA) {
                // A is M×K: row i of op(A) is contiguous
                for (int i = 0; i < mr; i++) {
                    int src = aOff + (ic + ir + i) * k + pc, d = base + i * kc;
                    if (alpha == 1f) {
                        System.arraycopy(a, src, dst, d, kc);
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[d + p] = alpha * a[src + p];
                        }
                    }
                }
            } else {
                // A is stored K×M: the tile's MR values of each depth step are contiguous in A
                int src = aOff + pc * m + ic + ir;
                for (int p = 0; p < kc; p++, src += m) {
                    for (int i = 0; i < mr; i++) {
                        dst[base + i * kc + p] = alpha * a[src + i];
                    }
                }
            }
            if (mr < MR) {
                java.util.Arrays.fill(dst, base + mr * kc, base + MR * kc, 0f);
            }
        }
    }

    /** Runs the micro-kernel over an mc×nc block of C; edge tiles go through a scratch tile. */
    private static void macroKernel(Scratch s, int mc, int nc, int kc, float[] c, int cOff, int ldc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int cIdx = cOff + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    microRows(kc, s.a, ir * kc, kc, s.b, CacheLines.SKIP + jr * kc, c, cIdx, ldc);
                } else {
                    float[] t = s.tile;
                    java.util.Arrays.fill(t, 0f);
                    for (int i = 0; i < mr; i++) {
                        System.arraycopy(c, cIdx + i * ldc, t, i * NR, nr);
                    }
                    microRows(kc, s.a, ir * kc, kc, s.b, CacheLines.SKIP + jr * kc, t, 0, NR);
                    for (int i = 0; i < mr; i++) {
                        System.arraycopy(t, i * NR, c, cIdx + i * ldc, nr);
                    }
                }
            }
        }
    }

    /**
     * C[8×NR] += A[8×kc] · B panel [kc×NR]: 16 accumulators, 2 B vectors, 1 broadcast (19 of 32
     * registers). A's 8 rows are {@code lda} apart (a packed tile, or A in place): one broadcast
     * stream per row.
     */
    static void micro8Rows(int kc, float[] ap, int aOff, int lda, float[] bp, int bOff, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, cOff), c01 = FloatVector.fromArray(S, c, cOff + L);
        FloatVector c10 = FloatVector.fromArray(S, c, cOff + ldc), c11 = FloatVector.fromArray(S, c, cOff + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc), c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc), c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
        FloatVector c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc), c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
        FloatVector c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc), c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
        FloatVector c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc), c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + L);
        FloatVector c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc), c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + L);
        int r0 = aOff, r1 = aOff + lda, r2 = aOff + 2 * lda, r3 = aOff + 3 * lda, r4 = aOff + 4 * lda, r5 = aOff + 5 * lda, r6 = aOff + 6 * lda, r7 = aOff + 7 * lda;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bOff);
            FloatVector b1 = FloatVector.fromArray(S, bp, bOff + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[r0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[r1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[r2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[r3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[r4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[r5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, ap[r6 + p]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, ap[r7 + p]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
            bOff += NR;
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }

    /** C[6×NR] += A[6×kc] · B panel, for 16-register machines (AVX2): 12 accumulators. */
    static void micro6Rows(int kc, float[] ap, int aOff, int lda, float[] bp, int bOff, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, cOff), c01 = FloatVector.fromArray(S, c, cOff + L);
        FloatVector c10 = FloatVector.fromArray(S, c, cOff + ldc), c11 = FloatVector.fromArray(S, c, cOff + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc), c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc), c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
        FloatVector c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc), c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
        FloatVector c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc), c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
        int r0 = aOff, r1 = aOff + lda, r2 = aOff + 2 * lda, r3 = aOff + 3 * lda, r4 = aOff + 4 * lda, r5 = aOff + 5 * lda;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bOff);
            FloatVector b1 = FloatVector.fromArray(S, bp, bOff + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[r0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[r1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[r2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[r3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[r4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[r5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            bOff += NR;
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }
}
