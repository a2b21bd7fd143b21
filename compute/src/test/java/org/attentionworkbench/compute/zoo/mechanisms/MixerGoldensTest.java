package org.attentionworkbench.compute.zoo.mechanisms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.junit.jupiter.api.Test;

/**
 * The mixers against PyTorch references on the same seeded inputs (tools/zoo/make_goldens.py):
 * Mamba's selective_scan_ref, ssd_minimal's chunked SSD, Hydra's composition, DaViT's ChannelAttention,
 * UniFormer's 5×5 depthwise conv, CAS-ViT's AdditiveTokenMixer and DLGSANet's SparseAttention (parameter-free weights).
 */
class MixerGoldensTest {
    private static float[] f(String name) throws IOException {
        try (InputStream in = MixerGoldensTest.class.getResourceAsStream("/zoo/goldens/" + name + ".npy")) {
            assertNotNull(in, "golden " + name + " missing: run /usr/bin/python3 tools/zoo/make_goldens.py");
            return Npy.read(in, name).toFloats();
        }
    }

    private static double[] dbl(String name) throws IOException {
        try (InputStream in = MixerGoldensTest.class.getResourceAsStream("/zoo/goldens/" + name + ".npy")) {
            assertNotNull(in, "golden " + name + " missing");
            return Npy.read(in, name).toDoubles();
        }
    }

    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        double err = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            err += Math.pow(expected[i] - actual[i], 2);
            norm += expected[i] * expected[i];
        }
        assertTrue(norm > 0, what + ": empty golden");
        assertTrue(Math.sqrt(err / norm) < tol, what + ": relative error " + Math.sqrt(err / norm));
    }

    @Test
    void mambaSelectiveScanMatchesSelectiveScanRef() throws IOException {
        float[] u = f("mamba_u");
        float[] y = SelectiveScan.scan(u, f("mamba_delta"), f("mamba_A"), f("mamba_B"), f("mamba_C"), f("mamba_D"),
                12, 3, 4);
        assertClose(dbl("mamba_y"), y, 1e-5, "selective scan");
    }

    @Test
    void mambaMatrixTimesInputMatchesSelectiveScanRef() throws IOException {
        float[] u = f("mamba_u");
        double[] expected = dbl("mamba_y");
        for (int ch = 0; ch < 3; ch++) {
            double[] m = SelectiveScan.matrix(ch, f("mamba_delta"), f("mamba_A"), f("mamba_B"), f("mamba_C"),
                    f("mamba_D"), 12, 3, 4);
            double[] want = new double[12];
            float[] got = new float[12];
            for (int t = 0; t < 12; t++) {
                want[t] = expected[t * 3 + ch];
                double s = 0;
                for (int j = 0; j < 12; j++) {
                    s += m[t * 12 + j] * u[j * 3 + ch];
                }
                got[t] = (float) s;
            }
            assertClose(want, got, 1e-5, "hidden attention matrix, channel " + ch);
        }
    }

    @Test
    void recurrentSsdMatchesChunkedSsdMinimal() throws IOException {
        float[] y = Ssd.scan(f("hydra_x"), f("hydra_dt_f"), -0.7, f("hydra_B_f"), f("hydra_C_f"), 16, 3, 5);
        assertClose(dbl("ssd_y"), y, 1e-5, "SSD");
    }

    @Test
    void hydraMatchesReference() throws IOException {
        float[] y = HydraMixer.mix(f("hydra_x"), f("hydra_dt_f"), f("hydra_dt_b"), -0.7, f("hydra_B_f"),
                f("hydra_C_f"), f("hydra_B_b"), f("hydra_C_b"), f("hydra_diag"), 16, 3, 5);
        assertClose(dbl("hydra_y"), y, 1e-5, "Hydra");
    }

    @Test
    void davitChannelAttentionMatchesTimmSemantics() throws IOException {
        int n = 10;
        int d = 8;
        ZooInput in = new ZooInput("golden", n, d, d, 1, n, f("davit_q"), f("davit_q"), f("davit_k"), f("davit_v"),
                ZooInput.gridLabels(1, n), true);
        assertClose(dbl("davit_y"), new DaVitChannelAttention().forward(in, in.v(), d), 1e-5, "DaViT output");
        float[] a = new DaVitChannelAttention().matrix(in).channel();
        assertClose(dbl("davit_A"), a, 1e-5, "DaViT channel matrix");
    }

    @Test
    void uniformerLocalMatchesDepthwiseConv2d() throws IOException {
        int rows = 6;
        int cols = 7;
        float[] x = f("uniformer_x");
        ZooInput in = new ZooInput("golden", rows * cols, 3, 3, rows, cols, x, x, x, x,
                ZooInput.gridLabels(rows, cols), false);
        assertClose(dbl("uniformer_y"), new UniFormerLocal().forward(in, x, 3), 1e-5, "UniFormer");
    }

    @Test
    void casVitMatchesTheAdditiveTokenMixerWithParameterFreeWeights() throws IOException {
        int rows = 5;
        int cols = 6;
        ZooInput in = new ZooInput("golden", rows * cols, 4, 4, rows, cols, f("casvit_q"), f("casvit_q"), f("casvit_k"),
                f("casvit_v"), ZooInput.gridLabels(rows, cols), true);
        assertClose(dbl("casvit_y"), new CasVitMixer().forward(in, in.v(), 4), 1e-5, "CAS-ViT");
    }

    @Test
    void gsaMatchesSparseAttention() throws IOException {
        ZooInput in = new ZooInput("golden", 12, 6, 6, 1, 12, f("gsa_q"), f("gsa_q"), f("gsa_k"), f("gsa_v"),
                ZooInput.gridLabels(1, 12), true);
        assertClose(dbl("gsa_y"), new DlgsaNetGsa().forward(in, in.v(), 6), 1e-5, "GSA output");
        assertClose(dbl("gsa_A"), new DlgsaNetGsa().matrix(in).channel(), 1e-5, "GSA channel matrix");
    }
}
