package org.attentionworkbench.compute.zoo.mechanisms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.Probes;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooInputs;
import org.junit.jupiter.api.Test;

/**
 * The convolutional, state-space, channel and gated mixers: each probed matrix reproduces the forward
 * (exactly linear ones on random u per channel; gated ones through the Jacobian map with the gate
 * frozen), the Jacobian maps agree with central differences, and the structure zoo.md predicts holds.
 */
class MixerStructureTest {
    private static final ZooInput GRID = ZooInputs.synthetic(4, 5, 6, 21);
    private static final ZooInput SEQ = ZooInputs.synthetic(1, 14, 6, 22);

    private static float[] random(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] u = new float[size];
        for (int i = 0; i < size; i++) {
            u[i] = (float) rnd.nextDouble(-1, 1);
        }
        return u;
    }

    private static double relError(float[] want, float[] got) {
        double e = 0;
        double s = 0;
        for (int i = 0; i < want.length; i++) {
            e += Math.pow(want[i] - (double) got[i], 2);
            s += (double) want[i] * want[i];
        }
        return Math.sqrt(e / s);
    }

    /** y[:,c] = M_c · u[:,c] for every channel. */
    private static float[] applyPerChannel(double[][] m, float[] u, int n, int d) {
        float[] y = new float[n * d];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += m[c][i * n + j] * u[j * d + c];
                }
                y[i * d + c] = (float) s;
            }
        }
        return y;
    }

    @Test
    void linearMixersMatrixTimesUEqualsForward() {
        for (Mixer mixer : new Mixer[] {new UniFormerLocal(), new DlgsaNetLocal(), new HydraMixer()}) {
            for (ZooInput in : new ZooInput[] {GRID, SEQ}) {
                MixingMatrix m = mixer.matrix(in);
                float[] u = random(in.n() * 3, 5);
                double err = relError(mixer.forward(in, u, 3), m.apply(u, 3));
                assertTrue(err < 1e-5, mixer.id() + ": M·u vs forward " + err);
            }
        }
    }

    @Test
    void mambaAndVimChannelMatricesReproduceTheScan() {
        for (ZooInput in : new ZooInput[] {GRID, SEQ}) {
            float[] u = random(in.n() * in.d(), 6);
            MambaMixer mamba = new MambaMixer();
            double err = relError(mamba.forward(in, u, in.d()), applyPerChannel(mamba.channelMatrices(in), u, in.n(), in.d()));
            assertTrue(err < 1e-5, "mamba " + err);
            VisionMamba vim = new VisionMamba();
            err = relError(vim.forward(in, u, in.d()), applyPerChannel(vim.channelMatrices(in), u, in.n(), in.d()));
            assertTrue(err < 1e-5, "vim " + err);
        }
    }

    @Test
    void mambaClosedFormEqualsImpulseOfTheScanAndIsLowerTriangular() {
        ZooInput in = SEQ;
        int n = in.n();
        int d = in.d();
        double[][] closed = new MambaMixer().channelMatrices(in);
        float[] dt = MambaMixer.deltas(in);
        for (int c = 0; c < d; c++) {
            final int ch = c;
            float[] impulse = Probes.impulse((k, u) -> {
                float[] full = new float[n * d];
                for (int t = 0; t < n; t++) {
                    full[t * d + ch] = u[t];
                }
                float[] y = SelectiveScan.scan(full, dt, MambaMixer.minusOnes(d), MambaMixer.scaledKeys(in), in.q(),
                        MambaMixer.ones(d), n, d, d);
                float[] out = new float[n];
                for (int t = 0; t < n; t++) {
                    out[t] = y[t * d + ch];
                }
                return out;
            }, c, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(closed[c][i * n + j], impulse[i * n + j], 1e-4, "channel " + c + " at " + i + "," + j);
                    if (j > i) {
                        assertEquals(0, closed[c][i * n + j], "upper triangle must be zero");
                    }
                }
            }
        }
        // the channels differ (Δ is selective per channel)
        assertTrue(Math.abs(closed[0][5 * n + 2] - closed[1][5 * n + 2]) > 1e-6);
    }

    @Test
    void vimIsHalfForwardPlusFlippedBackwardAndDense() {
        ZooInput in = SEQ;
        int n = in.n();
        double[][] f = new MambaMixer().channelMatrices(in);
        double[][] b = new MambaMixer().channelMatrices(VisionMamba.flipped(in));
        double[][] vim = new VisionMamba().channelMatrices(in);
        for (int c = 0; c < in.d(); c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double want = 0.5 * (f[c][i * n + j] + b[c][(n - 1 - i) * n + (n - 1 - j)]);
                    assertEquals(want, vim[c][i * n + j], 1e-12);
                    assertTrue(vim[c][i * n + j] != 0, "dense: zero at " + i + "," + j);
                }
            }
        }
        // both triangles carry weight
        MixingMatrix m = new VisionMamba().matrix(in);
        assertTrue(m.at(0, n - 1) > 0 && m.at(n - 1, 0) > 0);
    }

    @Test
    void hydraIsShiftedQuasiseparableWithUnitDiagonal() {
        ZooInput in = SEQ;
        int n = in.n();
        int d = in.d();
        MixingMatrix m = new HydraMixer().matrix(in);
        double delta = HydraMixer.DELTA;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double want;
                if (i == j) {
                    want = 1;
                } else {
                    int row = j < i ? i - 1 : i + 1;  // causal part shifted down, anti-causal up
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += in.q()[row * d + c] * in.k()[j * d + c];
                    }
                    want = dot / Math.sqrt(d) * Math.exp(-delta * Math.abs(row - j)) * delta;
                }
                assertEquals(want, m.at(i, j), 1e-4 * Math.max(1, Math.abs(want)), "at " + i + "," + j);
            }
        }
    }

    @Test
    void uniformerIsTheFiveByFiveStencilBand() {
        ZooInput in = ZooInputs.synthetic(7, 8, 4, 3);
        MixingMatrix m = new UniFormerLocal().matrix(in);
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.n(); j++) {
                int dr = Math.abs(i / 8 - j / 8);
                int dc = Math.abs(i % 8 - j % 8);
                assertEquals(dr <= 2 && dc <= 2 ? 1 / 25f : 0f, m.at(i, j), 1e-7, "at " + i + "," + j);
            }
        }
    }

    @Test
    void davitMixesNoTokensOfQAndItsChannelMatrixIsStochastic() {
        ZooInput in = GRID;
        int n = in.n();
        int d = in.d();
        DaVitChannelAttention davit = new DaVitChannelAttention();
        float[] base = davit.forward(in, in.v(), d);
        float[] q2 = in.q().clone();
        int j = 7;
        for (int c = 0; c < d; c++) {
            q2[j * d + c] += 0.5f;
        }
        ZooInput moved = new ZooInput(in.source(), n, in.c(), d, in.rows(), in.cols(), in.x(), q2, in.k(), in.v(),
                in.labels(), in.fromModel());
        float[] y2 = davit.forward(moved, in.v(), d);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                if (i != j) {
                    assertEquals(base[i * d + c], y2[i * d + c], 0f, "q of token " + j + " moved token " + i);
                }
            }
        }
        assertTrue(Math.abs(base[j * d] - y2[j * d]) > 1e-4);
        MixingMatrix m = davit.matrix(in);
        assertEquals(d, m.channels());
        for (int o = 0; o < d; o++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += m.channel()[o * d + c];
            }
            assertEquals(1, s, 1e-5);
        }
    }

    /** Gated and channel mixers: the analytic map equals Probes.jacobianNorm of v ↦ forward(v). */
    @Test
    void jacobianMapsMatchCentralDifferences() {
        Mixer[] mixers = {new CasVitMixer(), new ExtractorShe(), new DaVitChannelAttention(), new DlgsaNetGsa()};
        for (Mixer mixer : mixers) {
            for (ZooInput in : new ZooInput[] {GRID, SEQ}) {
                MixingMatrix analytic = mixer.matrix(in);
                MixingMatrix numeric = Probes.jacobianNorm(v -> mixer.forward(in, v, in.d()), in.v(), in.n(), in.d(),
                        in.d(), 1e-3, "");
                double err = relError(numeric.m(), analytic.m());
                assertTrue(err < 2e-3, mixer.id() + ": Jacobian map vs central differences " + err);
            }
        }
    }

    /** With the gate frozen, CAS-ViT's channel c is exactly T·diag(a_c), so ‖∂y_i/∂v_j‖ = T_ij‖a_j‖. */
    @Test
    void casVitWithFrozenGateIsBandTimesDiagonal() {
        ZooInput in = GRID;
        int n = in.n();
        int d = in.d();
        CasVitMixer cas = new CasVitMixer();
        float[] a = cas.gate(in);
        float[] u = random(n * d, 9);
        float[] t = Probes.impulse((c, x) -> LocalConv.box(in, x, 1, 3), 0, n);
        double[][] m = new double[d][n * n];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[c][i * n + j] = t[i * n + j] * a[j * d + c];
                }
            }
        }
        assertTrue(relError(cas.forward(in, u, d), applyPerChannel(m, u, n, d)) < 1e-5);
        // the band: no coupling beyond the 3×3 neighbourhood
        MixingMatrix j = cas.matrix(in);
        assertEquals(0f, j.at(0, 2 * 5 + 2));
        assertTrue(j.at(0, 6) > 0);
    }

    /** The tied SHE map x ↦ x ⊙ cumsum(x)/√t (gate live) against its analytic Jacobian. */
    @Test
    void sheTiedJacobianMatchesAnalytic() {
        int n = 9;
        int d = 4;
        float[] x = random(n * d, 13);
        MixingMatrix numeric = Probes.jacobianNorm(v -> ExtractorShe.tied(v, n, d), x, n, d, d, 1e-3, "");
        double[] cum = new double[d];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < d; c++) {
                cum[c] += x[t * d + c];
            }
            double s = 1 / Math.sqrt(t + 1);
            for (int j = 0; j < n; j++) {
                double sq = 0;
                for (int c = 0; c < d; c++) {
                    // ∂y_{t,c}/∂x_{j,c} = δ_tj·cumsum_t,c/√t + x_{t,c}·[j ≤ t]/√t; other channels do not couple
                    double g = (j == t ? cum[c] * s : 0) + (j <= t ? x[t * d + c] * s : 0);
                    sq += g * g;
                }
                assertEquals(Math.sqrt(sq), numeric.at(t, j), 2e-3, "at " + t + "," + j);
            }
        }
    }

    @Test
    void gsaIsSparseChannelMixingWithIdentityTokenMixing() {
        MixingMatrix m = new DlgsaNetGsa().matrix(GRID);
        for (int i = 0; i < GRID.n(); i++) {
            for (int j = 0; j < GRID.n(); j++) {
                assertEquals(i == j, m.at(i, j) != 0);
            }
        }
        for (float a : m.channel()) {
            assertTrue(a >= 0, "ReLU output is non-negative");
        }
    }

    @Test
    void headWidthMismatchIsAClearError() {
        for (Mixer mixer : new Mixer[] {new CasVitMixer(), new MambaMixer(), new DaVitChannelAttention()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> mixer.forward(GRID, new float[GRID.n() * 3], 3));
            assertTrue(e.getMessage().contains(mixer.id()), e.getMessage());
        }
    }

    @Test
    void matricesBeyondTheDrawableSizeAreAClearErrorNotAnOutOfMemory() {
        ZooInput big = ZooInputs.synthetic(1, Probes.MAX_MATRIX_TOKENS + 1, 2, 1);
        Mixer[] mixers = {new CasVitMixer(), new DaVitChannelAttention(), new DlgsaNetLocal(), new DlgsaNetGsa(),
            new UniFormerLocal(), new MambaMixer(), new VisionMamba(), new HydraMixer(), new ExtractorShe()};
        for (Mixer mixer : mixers) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mixer.matrix(big));
            assertTrue(e.getMessage().contains("too large"), mixer.id() + ": " + e.getMessage());
        }
    }

    @Test
    void matricesOfAVitSizedHeadAreFiniteAndOfTheirKind() {
        ZooInput vit = ZooInputs.synthetic(14, 14, 64, 5);
        Mixer[] mixers = {new CasVitMixer(), new DaVitChannelAttention(), new DlgsaNetLocal(), new DlgsaNetGsa(),
            new UniFormerLocal(), new MambaMixer(), new VisionMamba(), new HydraMixer(), new ExtractorShe()};
        for (Mixer mixer : mixers) {
            MixingMatrix m = mixer.matrix(vit);
            assertEquals(196, m.n());
            assertEquals(mixer.probe() == Mixer.Probe.JACOBIAN, m.kind() == MixingMatrix.Kind.JACOBIAN_NORM, mixer.id());
            for (float v : m.m()) {
                assertTrue(Float.isFinite(v), mixer.id());
            }
        }
    }
}
