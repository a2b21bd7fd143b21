package org.attentionworkbench.compute.autograd;

import static org.attentionworkbench.compute.autograd.Autograd.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attentionworkbench.compute.checkpoint.SafetensorsCheckpoint;
import org.junit.jupiter.api.Test;

/**
 * A small network using every op of the seam — conv 3×3 + relu + channel concat + conv 1×1 under focal + BCE +
 * L1 losses, and a softmax attention head under MSE — its loss and every gradient against PyTorch 1.13
 * (tools/autograd/make_grad_goldens.py, float64 reference stored as float32).
 */
class AutogradTorchGoldenTest {

    @Test
    void lossAndGradientsMatchPyTorch() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/autograd/grad_goldens.safetensors").toURI());
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(file)) {
            Map<String, Var> p = new LinkedHashMap<>();
            for (String k : new String[] {"x", "w1", "b1", "w2", "b2", "seq", "wq", "wk", "wv", "wo", "bo"}) {
                p.put(k, Var.param(c.readFloats(k), c.entry(k).shape()));
            }
            Var mask = Var.constant(c.readFloats("mask"), c.entry("mask").shape());
            Var y = Var.constant(c.readFloats("y"), c.entry("y").shape());

            Var h = relu(conv2d(p.get("x"), p.get("w1"), p.get("b1")));
            Var z = conv2d(concat(1, h, p.get("x")), p.get("w2"), p.get("b2"));
            Var loss1 = add(add(Losses.focalWithLogits(z, mask, 2, 0.25f), Losses.bceWithLogits(z, mask)),
                    Losses.l1(sigmoid(z), mask));
            Var s = p.get("seq");
            Var a = matmul(softmaxRows(matmul(matmul(s, p.get("wq")), transpose(matmul(s, p.get("wk"))))),
                    matmul(s, p.get("wv")));
            Var out = tanh(addBias(matmul(a, p.get("wo")), p.get("bo"), 1));
            Var loss = add(loss1, Losses.mse(out, y));
            loss.backward();

            assertEquals(c.readFloats("loss")[0], loss.item(), 1e-5);
            for (Map.Entry<String, Var> e : p.entrySet()) {
                float[] want = c.readFloats("grad." + e.getKey());
                float[] got = e.getValue().grad();
                assertEquals(want.length, got.length, e.getKey());
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-5 + 1e-4 * Math.abs(want[i]), "grad." + e.getKey() + "[" + i + "]");
                }
            }
        }
    }
}
