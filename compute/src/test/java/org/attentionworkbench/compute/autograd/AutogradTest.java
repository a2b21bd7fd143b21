package org.attentionworkbench.compute.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every op's gradient against central finite differences: f(inputs) = Σ op(inputs) ⊙ R with a fixed random R,
 * so every output element matters. Float32 values, step h = 1e-2 and the difference quotient taken in double; the
 * tolerance (1e-3 absolute + 1e-2 relative) is an order above what h² and float rounding leave for these smooth
 * ops and an order below what a wrong sign, factor or index gives (checked by {@link #theCheckerCatchesAWrongGradient}).
 */
class AutogradTest {
    private static final double H = 1e-2;

    private static Var rand(Random r, int... shape) {
        float[] d = new float[Var.count(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return Var.param(d, shape);
    }

    /** Values kept away from 0 so relu's kink is not inside the finite-difference step. */
    private static Var randAwayFromZero(Random r, int... shape) {
        Var v = rand(r, shape);
        for (int i = 0; i < v.size(); i++) {
            float x = v.data()[i];
            v.data()[i] = Math.signum(x) * (0.1f + Math.abs(x));
        }
        return v;
    }

    /** Checks d f / d input for every input against central differences; returns the worst error. */
    static double check(Function<List<Var>, Var> op, List<Var> inputs) {
        Random r = new Random(99);
        Var probe = op.apply(inputs);
        float[] weights = new float[probe.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) r.nextGaussian();
        }
        Function<List<Var>, Var> f = in -> {
            Var y = op.apply(in);
            return y.size() == 1 && weights.length == 1 ? Autograd.scale(y, weights[0])
                    : Autograd.sum(Autograd.mul(y, Var.constant(weights, y.shape())));
        };
        for (Var v : inputs) {
            v.zeroGrad();
        }
        f.apply(inputs).backward();
        double worst = 0;
        for (Var v : inputs) {
            float[] analytic = v.grad().clone();
            for (int i = 0; i < v.size(); i++) {
                float keep = v.data()[i];
                v.data()[i] = (float) (keep + H);
                double plus = f.apply(inputs).item();
                v.data()[i] = (float) (keep - H);
                double minus = f.apply(inputs).item();
                v.data()[i] = keep;
                double numeric = (plus - minus) / (2 * H);
                double err = Math.abs(numeric - analytic[i]);
                int idx = i;
                assertTrue(err <= 1e-3 + 1e-2 * Math.abs(numeric), () -> v + ": analytic " + analytic[idx] + " vs numeric " + numeric + " at " + idx);
                worst = Math.max(worst, err / (1e-3 + 1e-2 * Math.abs(numeric)));
            }
        }
        return worst;
    }

    @Test
    void elementwiseOps() {
        Random r = new Random(1);
        Var a = rand(r, 3, 4);
        Var b = rand(r, 3, 4);
        check(in -> Autograd.add(in.get(0), in.get(1)), List.of(a, b));
        check(in -> Autograd.sub(in.get(0), in.get(1)), List.of(a, b));
        check(in -> Autograd.mul(in.get(0), in.get(1)), List.of(a, b));
        check(in -> Autograd.scale(in.get(0), -2.5f), List.of(a));
        check(in -> Autograd.relu(in.get(0)), List.of(randAwayFromZero(r, 3, 4)));
        check(in -> Autograd.sigmoid(in.get(0)), List.of(a));
        check(in -> Autograd.tanh(in.get(0)), List.of(a));
    }

    @Test
    void biasOnEitherAxis() {
        Random r = new Random(2);
        check(in -> Autograd.addBias(in.get(0), in.get(1), 1), List.of(rand(r, 3, 5), rand(r, 5)));
        check(in -> Autograd.addBias(in.get(0), in.get(1), 1), List.of(rand(r, 2, 3, 4, 4), rand(r, 3)));
    }

    @Test
    void matmulTransposeSoftmax() {
        Random r = new Random(3);
        check(in -> Autograd.matmul(in.get(0), in.get(1)), List.of(rand(r, 3, 5), rand(r, 5, 2)));
        check(in -> Autograd.transpose(in.get(0)), List.of(rand(r, 3, 5)));
        check(in -> Autograd.softmaxRows(in.get(0)), List.of(rand(r, 4, 6)));
        // attention: softmax(Q Kᵀ) V, the ICL lab's building block
        check(in -> Autograd.matmul(Autograd.softmaxRows(Autograd.matmul(in.get(0), Autograd.transpose(in.get(1)))),
                in.get(2)), List.of(rand(r, 4, 3), rand(r, 5, 3), rand(r, 5, 2)));
    }

    @Test
    void reductionsAndLayout() {
        Random r = new Random(4);
        check(in -> Autograd.sum(in.get(0)), List.of(rand(r, 3, 4)));
        check(in -> Autograd.mean(in.get(0)), List.of(rand(r, 3, 4)));
        check(in -> Autograd.reshape(in.get(0), 4, 3), List.of(rand(r, 3, 4)));
        check(in -> Autograd.concat(1, in.get(0), in.get(1)), List.of(rand(r, 2, 2, 3, 3), rand(r, 2, 3, 3, 3)));
        check(in -> Autograd.concat(0, in.get(0), in.get(1)), List.of(rand(r, 2, 3), rand(r, 1, 3)));
        check(in -> Autograd.slice(in.get(0), 0, 2, 3), List.of(rand(r, 3, 4)));
        check(in -> Autograd.slice(in.get(0), 1, 1, 3), List.of(rand(r, 2, 4, 3)));
    }

    @Test
    void convolutions() {
        Random r = new Random(5);
        check(in -> Autograd.conv2d(in.get(0), in.get(1), in.get(2)), List.of(rand(r, 2, 3, 5, 4), rand(r, 2, 3, 3, 3),
                rand(r, 2)));
        check(in -> Autograd.conv2d(in.get(0), in.get(1), null), List.of(rand(r, 2, 3, 4, 4), rand(r, 4, 3, 1, 1)));
    }

    @Test
    void losses() {
        Random r = new Random(6);
        float[] y = new float[12];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3 == 0 ? 1 : i % 3 == 1 ? 0 : 0.3f; // hard and soft targets
        }
        Var target = Var.constant(y, 3, 4);
        check(in -> Losses.mse(in.get(0), target), List.of(rand(r, 3, 4)));
        check(in -> Losses.l1(in.get(0), target), List.of(randAwayFromZero(r, 3, 4)));
        check(in -> Losses.bceWithLogits(in.get(0), target), List.of(rand(r, 3, 4)));
        check(in -> Losses.focalWithLogits(in.get(0), target, 2, 0.25f), List.of(rand(r, 3, 4)));
    }

    @Test
    void lossValuesMatchTheirDefinitions() {
        Var z = Var.param(new float[] {0f, 2f}, 2);
        Var y = Var.constant(new float[] {1f, 0f}, 2);
        double bce = (Math.log(2) + Math.log(1 + Math.exp(2))) / 2;
        assertEquals(bce, Losses.bceWithLogits(z, y).item(), 1e-6);
        assertEquals(bce / 2, Losses.focalWithLogits(z, y, 0, 0.5f).item(), 1e-6); // γ = 0, α = ½ → BCE / 2
        assertEquals((1 + 4) / 2.0, Losses.mse(z, y).item(), 1e-6);
        assertEquals((1 + 2) / 2.0, Losses.l1(z, y).item(), 1e-6);
    }

    @Test
    void theCheckerCatchesAWrongGradient() {
        // relu's backward pretending the slope is 1 everywhere: the check must fail on negative inputs
        Function<List<Var>, Var> wrong = in -> {
            Var a = in.get(0);
            float[] o = new float[a.size()];
            for (int i = 0; i < o.length; i++) {
                o[i] = Math.max(0, a.data()[i]);
            }
            Var out = new Var(o, a.shape(), a);
            out.onBackward(() -> Autograd.accumulate(a.gradIfNeeded(), out.grad(), 1));
            return out;
        };
        assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> check(wrong, List.of(randAwayFromZero(new Random(7), 3, 4))));
    }

    @Test
    void gradientsAccumulateAndSharedInputsAddUp() {
        Var a = Var.param(new float[] {3f}, 1);
        Autograd.mul(a, a).backward(); // d(a²)/da = 2a
        assertEquals(6f, a.grad()[0], 1e-6);
        Autograd.mul(a, a).backward();
        assertEquals(12f, a.grad()[0], 1e-6);
        a.zeroGrad();
        assertEquals(0f, a.grad()[0]);
        Var c = Var.constant(new float[] {1f}, 1);
        Autograd.mul(c, c).backward(); // no parameter: nothing to do, no failure
        a.zeroGrad();
        Autograd.add(a, a).backward(); // a used twice: both paths add up
        assertEquals(2f, a.grad()[0], 1e-6);
    }

    @Test
    void badShapesAreRejected() {
        Var a = Var.param(new float[6], 2, 3);
        assertThrows(IllegalArgumentException.class, () -> Autograd.add(a, Var.param(new float[6], 3, 2)));
        assertThrows(IllegalArgumentException.class, () -> Autograd.matmul(a, a));
        assertThrows(IllegalArgumentException.class, () -> Autograd.conv2d(Var.param(new float[16], 1, 1, 4, 4),
                Var.param(new float[4], 1, 1, 2, 2), null));
        assertThrows(IllegalStateException.class, () -> a.backward());
    }

    @Test
    void optimisersDescendAQuadratic() {
        for (int which = 0; which < 3; which++) {
            Var w = Var.param(new float[] {4f, -3f}, 2);
            Optimizer opt = which == 0 ? new Sgd(List.of(w), 0.1f) : which == 1 ? new Sgd(List.of(w), 0.05f, 0.9f)
                    : new Adam(List.of(w), 0.1f);
            Var target = Var.constant(new float[] {1f, 2f}, 2);
            for (int step = 0; step < 300; step++) {
                opt.zeroGrad();
                Losses.mse(w, target).backward();
                opt.step();
            }
            assertArrayEquals(new float[] {1f, 2f}, w.data(), 1e-2f, "optimiser " + which);
        }
    }

    @Test
    void adamFirstStepIsLrTimesSign() {
        Var w = Var.param(new float[] {1f, 1f}, 2);
        Adam adam = new Adam(List.of(w), 0.01f);
        Autograd.sum(Autograd.mul(w, Var.constant(new float[] {5f, -0.1f}, 2))).backward();
        adam.step(); // bias-corrected m/√v = sign(g) on the first step
        assertArrayEquals(new float[] {0.99f, 1.01f}, w.data(), 1e-6f);
    }

    @Test
    void parameterFileRoundTripAndErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Random r = new Random(8);
        Map<String, Var> params = new LinkedHashMap<>();
        params.put("conv.weight", rand(r, 2, 3, 3, 3));
        params.put("conv.bias", rand(r, 2));
        Path f = dir.resolve("p.safetensors");
        ParameterFile.save(f, params, Map.of("kind", "test"));
        Map<String, Var> back = new LinkedHashMap<>();
        back.put("conv.weight", Var.param(new float[54], 2, 3, 3, 3));
        back.put("conv.bias", Var.param(new float[2], 2));
        ParameterFile.load(f, back);
        assertArrayEquals(params.get("conv.weight").data(), back.get("conv.weight").data());
        assertArrayEquals(params.get("conv.bias").data(), back.get("conv.bias").data());

        Map<String, Var> other = new LinkedHashMap<>();
        other.put("conv.weight", Var.param(new float[24], 2, 3, 2, 2));
        other.put("conv.bias", Var.param(new float[2], 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> ParameterFile.load(f, other));
        assertTrue(e.getMessage().contains("p.safetensors") && e.getMessage().contains("conv.weight"), e.getMessage());
        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, new byte[] {1, 2, 3});
        e = assertThrows(CheckpointException.class, () -> ParameterFile.load(junk, back));
        assertTrue(e.getMessage().contains("junk.safetensors"), e.getMessage());
    }
}
