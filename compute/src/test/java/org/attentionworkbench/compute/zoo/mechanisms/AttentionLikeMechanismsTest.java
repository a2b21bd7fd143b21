package org.attentionworkbench.compute.zoo.mechanisms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooInputs;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

/** Structural properties of the attention-like mechanisms (zoo.md), beyond the contract test. */
class AttentionLikeMechanismsTest {
    static final ZooInput GRID = ZooInputs.synthetic(6, 8, 8, 21);
    static final ZooInput SEQ = ZooInputs.synthetic(1, 23, 8, 22);

    static float[] m(Mixer mixer, ZooInput in) {
        return mixer.matrix(in).m();
    }

    static float[] softmax(ZooInput in) {
        return m(new SoftmaxAttention(), in);
    }

    static void assertRowsSumToOne(float[] m, int n) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                assertTrue(m[i * n + j] >= 0, "negative entry");
                s += m[i * n + j];
            }
            assertEquals(1, s, 1e-5, "row " + i);
        }
    }

    static void assertClose(float[] a, float[] b, double tol) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], tol, "entry " + i);
        }
    }

    static void assertClose(float[] a, double[] b, double tol) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], tol, "entry " + i);
        }
    }

    static double[] singularValues(float[] m, int n) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < m.length; i++) {
            a.data[i] = m[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, false, false, true);
        assertTrue(svd.decompose(a));
        return svd.getSingularValues();
    }

    static int rank(float[] m, int n) {
        double[] s = singularValues(m, n);
        double max = 0;
        for (double v : s) {
            max = Math.max(max, v);
        }
        int r = 0;
        for (double v : s) {
            if (v > 1e-5 * max) {
                r++;
            }
        }
        return r;
    }

    static boolean sameTile(ZooInput in, int i, int j, int s) {
        int c = in.cols();
        return i / c / s == j / c / s && i % c / s == j % c / s;
    }

    static ZooInput withQk(ZooInput in, float[] q, float[] k) {
        return new ZooInput(in.source(), in.n(), in.c(), in.d(), in.rows(), in.cols(), in.x(), q, k, in.v(),
                in.labels(), false);
    }

    @Test
    void hiFiIsBlockDiagonalWithWindows() {
        int n = GRID.n();
        float[] m = m(new HiLo(HiLo.Branch.HI_FI), GRID);
        assertRowsSumToOne(m, n);
        for (int i = 0; i < n; i++) {
            int nnz = 0;
            for (int j = 0; j < n; j++) {
                if (m[i * n + j] != 0) {
                    nnz++;
                    assertTrue(sameTile(GRID, i, j, 2), "Hi-Fi mixes " + i + " and " + j + " across windows");
                }
            }
            assertEquals(4, nnz, "a 2×2 window per row");
        }
        // a ragged grid (5×7) still works: the edge windows are smaller
        ZooInput ragged = ZooInputs.synthetic(5, 7, 8, 3);
        assertRowsSumToOne(m(new HiLo(HiLo.Branch.HI_FI), ragged), ragged.n());
        assertNotNull(new HiLo(HiLo.Branch.HI_FI).unsupported(SEQ));
    }

    @Test
    void loFiHasRankAtMostNOverS2() {
        int n = GRID.n();
        float[] m = m(new HiLo(HiLo.Branch.LO_FI), GRID);
        assertRowsSumToOne(m, n);
        assertTrue(rank(m, n) <= n / 4, "rank " + rank(m, n) + " > N/s² = " + n / 4);
        assertEquals(n / 4, rank(m, n));
    }

    @Test
    void routingIsZeroOutsideClustersAndRowStochastic() {
        RoutingAttention routing = new RoutingAttention();
        int n = GRID.n();
        int[] cluster = routing.assign(GRID);
        assertArrayEquals(cluster, routing.assign(GRID), "seeded k-means is deterministic");
        assertTrue(java.util.Arrays.stream(cluster).distinct().count() > 1, "more than one cluster used");
        float[] m = m(routing, GRID);
        assertRowsSumToOne(m, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (cluster[i] != cluster[j]) {
                    assertEquals(0, m[i * n + j], "mass outside the cluster");
                } else {
                    assertTrue(m[i * n + j] > 0);
                }
            }
        }
        // one cluster is plain softmax
        assertClose(m(new RoutingAttention(1, 3, 0), GRID), softmax(GRID), 1e-6);
    }

    @Test
    void combinerHasFullSupportAndIsRowStochastic() {
        assertEquals(6, GridGroups.segmentLength(48));
        assertEquals(5, GridGroups.segmentLength(23));
        for (ZooInput in : List.of(SEQ, GRID)) {
            int n = in.n();
            for (Mixer c : List.of(new CombinerFixed(), new CombinerAxial())) {
                float[] m = m(c, in);
                assertRowsSumToOne(m, n);
                if (c instanceof CombinerAxial && n % 5 == 3) {
                    continue; // 23 tokens: the short last row is out of reach of the columns it lacks
                }
                for (float v : m) {
                    assertTrue(v > 0, c.id() + ": full support expected on " + in.source());
                }
            }
            for (Mixer c : List.of(new CombinerFixed(0, true), new CombinerAxial(0, true))) {
                float[] m = m(c, in);
                assertRowsSumToOne(m, n);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(j <= i, m[i * n + j] > 0, c.id() + ": causal support at " + i + "," + j);
                    }
                }
            }
        }
        // causal with one segment of all N tokens: no earlier span, so M is causal softmax
        int n = SEQ.n();
        double[] causal = Scores.logits(SEQ, SEQ.scale());
        for (int i = 0; i < n; i++) {
            boolean[] mask = new boolean[n];
            for (int j = 0; j <= i; j++) {
                mask[j] = true;
            }
            Scores.softmaxRow(causal, i * n, n, mask);
        }
        assertClose(m(new CombinerFixed(n, true), SEQ), causal, 1e-6);
    }

    @Test
    void axialSumAndStackedAreBuiltFromRowAndColumnSoftmax() {
        int n = GRID.n();
        int cols = GRID.cols();
        double[] s = Scores.logits(GRID, GRID.scale());
        double[] row = s.clone();
        double[] col = s.clone();
        for (int i = 0; i < n; i++) {
            boolean[] sameRow = new boolean[n];
            boolean[] sameCol = new boolean[n];
            for (int j = 0; j < n; j++) {
                sameRow[j] = i / cols == j / cols;
                sameCol[j] = i % cols == j % cols;
            }
            Scores.softmaxRow(row, i * n, n, sameRow);
            Scores.softmaxRow(col, i * n, n, sameCol);
        }
        double[] sum = new double[n * n];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = row[i] + col[i];
        }
        assertClose(m(new AxialAttention(AxialAttention.Variant.SUM), GRID), sum, 1e-6);
        assertClose(m(new AxialAttention(AxialAttention.Variant.STACKED), GRID), Dense.mul(col, n, n, row, n), 1e-6);
        float[] stacked = m(new AxialAttention(AxialAttention.Variant.STACKED), GRID);
        for (float v : stacked) {
            assertTrue(v > 0, "the stack is dense");
        }
    }

    @Test
    void ppmaIsSoftmaxTimesManhattanDecay() {
        int n = GRID.n();
        int cols = GRID.cols();
        assertClose(m(new Ppma(Ppma.Variant.FULL, 0), GRID), softmax(GRID), 1e-6);
        // with Q = 0 the logits vanish and M is the normalised mask exp(−a·Manhattan distance)
        ZooInput flat = withQk(GRID, new float[GRID.q().length], GRID.k());
        double a = 0.7;
        double[] expected = new double[n * n];
        double[] w = new double[n * n];
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int dr = Math.abs(i / cols - j / cols);
                int dc = Math.abs(i % cols - j % cols);
                expected[i * n + j] = -a * (dr + dc);
                w[i * n + j] = dr == 0 ? -a * dc : Double.NEGATIVE_INFINITY;
                h[i * n + j] = dc == 0 ? -a * dr : Double.NEGATIVE_INFINITY;
            }
        }
        Dense.softmaxRows(expected, n, n);
        Dense.softmaxRows(w, n, n);
        Dense.softmaxRows(h, n, n);
        assertClose(m(new Ppma(Ppma.Variant.FULL, a), flat), expected, 1e-6);
        double[] hw = Dense.mul(h, n, n, w, n);
        double[] wh = Dense.mul(w, n, n, h, n);
        for (int i = 0; i < hw.length; i++) {
            hw[i] = 0.5 * (hw[i] + wh[i]);
        }
        assertClose(m(new Ppma(Ppma.Variant.CHUNK, a), flat), hw, 1e-6);
        assertRowsSumToOne(m(new Ppma(Ppma.Variant.CHUNK), GRID), n);
    }

    @Test
    void dualTokenGlobalHasRankAtMostTheGlobalTokens() {
        ZooInput big = ZooInputs.synthetic(10, 12, 8, 5);
        float[] m = m(new DualTokenGlobal(), big);
        assertRowsSumToOne(m, big.n());
        assertTrue(rank(m, big.n()) <= 49, "rank " + rank(m, big.n()));
        assertTrue(new DualTokenGlobal().title().contains("unverified"));
    }

    @Test
    void sparsifinerKeepsTheTopKOfEachRow() {
        int n = GRID.n();
        Sparsifiner sp = new Sparsifiner();
        int k = sp.kept(n);
        assertEquals(12, k);
        float[] m = m(sp, GRID);
        assertRowsSumToOne(m, n);
        double[] s = Scores.logits(GRID, GRID.scale());
        for (int i = 0; i < n; i++) {
            double minKept = Double.POSITIVE_INFINITY;
            double maxDropped = Double.NEGATIVE_INFINITY;
            int nnz = 0;
            for (int j = 0; j < n; j++) {
                if (m[i * n + j] > 0) {
                    nnz++;
                    minKept = Math.min(minKept, s[i * n + j]);
                } else {
                    maxDropped = Math.max(maxDropped, s[i * n + j]);
                }
            }
            assertEquals(k, nnz, "row " + i + " density");
            assertTrue(minKept >= maxDropped, "kept keys are the largest logits");
        }
        assertEquals(0.25, org.attentionworkbench.compute.zoo.Comparison.of(GRID, new Sparsifiner().matrix(GRID), null,
                new SoftmaxAttention().matrix(GRID), null).density(), 1e-9);
        assertClose(m(new Sparsifiner(1.0), GRID), softmax(GRID), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new Sparsifiner(0));
    }

    @Test
    void gcVitGlobalQueryIsBlockDiagonalAndSoftmaxForOneWindow() {
        ZooInput g = ZooInputs.synthetic(14, 14, 8, 6);
        int n = g.n();
        float[] m = m(new GcVitGlobalQuery(), g);
        assertRowsSumToOne(m, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!sameTile(g, i, j, 7)) {
                    assertEquals(0, m[i * n + j]);
                }
            }
        }
        // the same global queries in every window: two windows with the same keys get the same block
        // and on a 7×7 grid with ws = 7 the max-pool is the identity, so M is softmax
        ZooInput seven = ZooInputs.synthetic(7, 7, 8, 7);
        assertClose(m(new GcVitGlobalQuery(), seven), softmax(seven), 1e-6);
        float[] k = new float[g.k().length];
        for (int i = 0; i < n; i++) {
            int r = i / 14 % 7;
            int c = i % 14 % 7;
            System.arraycopy(seven.k(), (r * 7 + c) * 8, k, i * 8, 8);
        }
        float[] tiled = m(new GcVitGlobalQuery(), withQk(g, g.q(), k));
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                for (int j = 0; j < 7; j++) {
                    int i1 = r * 14 + c;
                    int i2 = (r + 7) * 14 + c + 7;
                    assertEquals(tiled[i1 * n + j], tiled[i2 * n + (j + 7) + 7 * 14], 1e-6);
                }
            }
        }
    }

    @Test
    void linformersDefaultProjectedLengthIsCappedSoItsCostIsLinearInN() {
        Linformer lin = new Linformer();
        assertEquals(4, lin.rank(16));
        assertEquals(Linformer.MAX_DEFAULT_RANK, lin.rank(4096));
        assertEquals(Linformer.MAX_DEFAULT_RANK, lin.rank(65536));
        // past the cap, doubling N doubles the FLOPs
        assertEquals(2.0, lin.flops(65536, 64) / lin.flops(32768, 64), 1e-9);
    }

    @Test
    void s2aFormerAndLinformerAreLowRank() {
        int n = GRID.n();
        float[] s2a = m(new S2aFormerStrip(), GRID);
        assertRowsSumToOne(s2a, n);
        assertTrue(rank(s2a, n) <= n / 4);
        Linformer lin = new Linformer();
        float[] l = m(lin, SEQ);
        assertRowsSumToOne(l, SEQ.n());
        assertTrue(rank(l, SEQ.n()) <= lin.rank(SEQ.n()), "Linformer rank ≤ k");
        assertClose(m(new Linformer(SEQ.n()), SEQ), softmax(SEQ), 1e-6);
    }

    @Test
    void gpsaMorphsFromSoftmaxToPositional() {
        int n = GRID.n();
        assertClose(m(new ConvitGpsa(0, 1, 0, 1), GRID), softmax(GRID), 1e-6);
        ConvitGpsa positional = new ConvitGpsa(1, 1, 0, 1);
        float[] p = m(positional, GRID);
        assertClose(p, positional.positional(GRID), 1e-6);
        // purely positional: independent of Q and K, peaked at the head's offset (one column right)
        ZooInput other = ZooInputs.synthetic(6, 8, 8, 99);
        assertClose(m(positional, other), p, 1e-7);
        int i = 2 * 8 + 3;
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (p[i * n + j] > p[i * n + best]) {
                best = j;
            }
        }
        assertEquals(i + 1, best);
        assertRowsSumToOne(m(new ConvitGpsa(), GRID), n);
    }

    @Test
    void convShareVitIsSoftmaxForAOneByOneKernel() {
        assertClose(m(new ConvShareVit(1), GRID), softmax(GRID), 1e-6);
        ConvShareVit c = new ConvShareVit();
        double[] t = c.convolution(GRID);
        int n = GRID.n();
        int interior = 2 * 8 + 3;
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += t[interior * n + j];
        }
        assertEquals(1, s, 1e-12);
        assertTrue(c.title().contains("unverified"));
    }

    @Test
    void lamaIsRankOnePooling() {
        int n = SEQ.n();
        float[] m = m(new LowRankLama(), SEQ);
        assertRowsSumToOne(m, n);
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(m[j], m[i * n + j], 0);
            }
        }
        assertEquals(1, rank(m, n));
    }

    @Test
    void softIsSymmetricPsdWithRankAtMostLandmarks() {
        ZooInput in = ZooInputs.synthetic(8, 8, 8, 12);
        int n = in.n();
        SoftNystrom soft = new SoftNystrom(2, 20);
        float[] m = m(soft, in);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(m[i * n + j], m[j * n + i], 1e-6, "symmetric");
                a.data[i * n + j] = m[i * n + j];
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(a));
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, eig.getEigenvalue(i).real);
        }
        for (int i = 0; i < n; i++) {
            assertTrue(eig.getEigenvalue(i).real > -1e-5 * max, "PSD");
        }
        assertTrue(rank(m, n) <= 16, "rank ≤ m = 16");
        // Nyström with every token a landmark on well-separated points recovers the full Gaussian
        float[] q = new float[n * 8];
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) (4 * rnd.nextDouble(-1, 1));
        }
        ZooInput spread = withQk(in, q, q);
        double[] g = soft.fullGaussian(spread);
        assertClose(m(new SoftNystrom(1, 20), spread), g, 1e-4);
        assertClose(m(SoftNystrom.exactKernel(), spread), g, 1e-7);
        float[] coarse = m(new SoftNystrom(2, 20), spread);
        double err = 0;
        for (int i = 0; i < g.length; i++) {
            err = Math.max(err, Math.abs(coarse[i] - g[i]));
        }
        assertTrue(err > 1e-2, "16 landmarks do not reproduce a 64-point Gaussian exactly");
    }

    @Test
    void autoformerIsACirculantWithKDiagonals() {
        int n = SEQ.n();
        AutoCorrelation ac = new AutoCorrelation();
        int k = ac.delays(n);
        assertEquals((int) Math.floor(Math.log(n)), k);
        float[] m = m(ac, SEQ);
        assertRowsSumToOne(m, n);
        int diagonals = 0;
        for (int tau = 0; tau < n; tau++) {
            float w = m[tau];
            for (int t = 0; t < n; t++) {
                assertEquals(w, m[t * n + (t + tau) % n], 1e-7, "circulant along delay " + tau);
            }
            if (w > 0) {
                diagonals++;
            }
        }
        assertEquals(k, diagonals);
    }

    @Test
    void leanAttentionIsSoftmaxForAnySplit() {
        float[] ref = softmax(GRID);
        for (int[] tw : new int[][] {{0, 7}, {1, 1}, {5, 3}, {48, 2}, {7, 100}}) {
            assertClose(m(new LeanAttention(tw[0], tw[1]), GRID), ref, 1e-6);
        }
        // the merge is associative: random split points, random reduction orders
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 300;
        int dv = 3;
        double[] logits = new double[n];
        double[] v = new double[n * dv];
        for (int j = 0; j < n; j++) {
            logits[j] = 6 * rnd.nextDouble(-1, 1);
        }
        for (int j = 0; j < v.length; j++) {
            v[j] = rnd.nextDouble(-1, 1);
        }
        LeanAttention.Partial whole = LeanAttention.partial(logits, 0, 0, n, v, dv);
        for (int trial = 0; trial < 20; trial++) {
            List<Integer> cuts = new ArrayList<>(List.of(0, n));
            for (int c = 0; c < 1 + rnd.nextInt(12); c++) {
                cuts.add(rnd.nextInt(n + 1));
            }
            Collections.sort(cuts);
            List<LeanAttention.Partial> parts = new ArrayList<>();
            for (int c = 0; c + 1 < cuts.size(); c++) {
                parts.add(LeanAttention.partial(logits, 0, cuts.get(c), cuts.get(c + 1), v, dv));
            }
            // merge random adjacent pairs until one is left
            while (parts.size() > 1) {
                int at = rnd.nextInt(parts.size() - 1);
                parts.set(at, LeanAttention.merge(parts.get(at), parts.remove(at + 1)));
            }
            for (int c = 0; c < dv; c++) {
                assertEquals(whole.o()[c], parts.get(0).o()[c], 1e-12);
            }
            assertEquals(whole.l() * Math.exp(whole.m()), parts.get(0).l() * Math.exp(parts.get(0).m()), 1e-9 * whole.l()
                    * Math.exp(whole.m()));
        }
    }

    @Test
    void gridMechanismsSaySoOnSequences() {
        for (Mixer m : List.of(new AxialAttention(AxialAttention.Variant.SUM), new Ppma(Ppma.Variant.FULL),
                new HiLo(HiLo.Branch.LO_FI), new GcVitGlobalQuery())) {
            assertNotNull(m.unsupported(SEQ), m.id());
            assertNull(m.unsupported(GRID), m.id());
        }
        assertTrue(new RoutingAttention().learnedParts(GRID).contains("parameter-free"));
    }
}
