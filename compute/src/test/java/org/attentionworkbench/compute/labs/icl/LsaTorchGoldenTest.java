package org.attentionworkbench.compute.labs.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.autograd.Losses;
import org.attentionworkbench.compute.autograd.Var;
import org.attentionworkbench.compute.checkpoint.SafetensorsCheckpoint;
import org.junit.jupiter.api.Test;

/**
 * Loss and gradients of a two-layer LSA on seeded tokens against PyTorch 1.13 (tools/labs/make_lsa_goldens.py writes
 * the inputs, weights, loss and gradients; float64 reference stored as float32). Skipped only if the file is absent.
 */
class LsaTorchGoldenTest {

    @Test
    void lossAndGradientsMatchPyTorch() throws Exception {
        URL url = getClass().getResource("/labs/lsa_goldens.safetensors");
        assumeTrue(url != null, "no golden file: run tools/labs/make_lsa_goldens.py");
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(Path.of(url.toURI()))) {
            int[] shape = c.entry("e").shape();
            int d = shape[2] - 1;
            String[] names = {"l0.wq", "l0.wk", "l0.wv", "l0.wo", "l1.wq", "l1.wk", "l1.wv", "l1.wo"};
            float[][] w = new float[names.length][];
            for (int i = 0; i < names.length; i++) {
                w[i] = c.readFloats(names[i]);
            }
            LinearSelfAttention m = LinearSelfAttention.fromWeights(d, w);
            Var e = Var.constant(c.readFloats("e"), shape);
            Var loss = Losses.mse(m.predict(e), Var.constant(c.readFloats("yq"), shape[0], 1));
            loss.backward();
            float want = c.readFloats("loss")[0];
            assertEquals(want, loss.item(), 1e-5 * Math.max(1, Math.abs(want)));
            List<Var> ps = m.parameters();
            for (int i = 0; i < names.length; i++) {
                float[] g = c.readFloats("grad." + names[i]);
                float[] got = ps.get(i).grad();
                for (int k = 0; k < g.length; k++) {
                    assertEquals(g[k], got[k], 1e-4 + 1e-4 * Math.abs(g[k]), "grad." + names[i] + "[" + k + "]");
                }
            }
        }
    }
}
