package org.attentionworkbench.compute.labs.icl;

import java.util.Random;
import java.util.function.IntConsumer;
import org.attentionworkbench.compute.autograd.Adam;
import org.attentionworkbench.compute.autograd.Autograd;
import org.attentionworkbench.compute.autograd.Losses;
import org.attentionworkbench.compute.autograd.Var;
import org.attentionworkbench.compute.labs.LabProgress;

/** Trains a {@link LinearSelfAttention} with Adam on fresh tasks each step, MSE of the query prediction. */
final class LsaTraining {
    private LsaTraining() {}

    /**
     * {@code steps} Adam steps on batches of fresh tasks; {@code onEval} is called with the step number at 0, every
     * {@code evalEvery} steps and at the end (the model is in its state after that many steps).
     */
    static void train(LinearSelfAttention model, RegressionTasks.Sampler sampler, int steps, int batch, double lr,
                      Random r, int evalEvery, IntConsumer onEval, LabProgress progress, String label) {
        train(model, sampler, steps, batch, lr, r, evalEvery, onEval, progress, label, false);
    }

    /** As above; with {@code anneal} the last quarter of the steps runs at lr/10 (a fresh Adam), which steadies the end point. */
    static void train(LinearSelfAttention model, RegressionTasks.Sampler sampler, int steps, int batch, double lr,
                      Random r, int evalEvery, IntConsumer onEval, LabProgress progress, String label, boolean anneal) {
        train(model, (b, rr) -> sampler.sample(b, rr, 1), steps, batch, lr, r, evalEvery, onEval, progress, label, anneal);
    }

    /** As above with any task source (batch size, random → tasks), e.g. the softmax-regression prompts. */
    static void train(LinearSelfAttention model, java.util.function.BiFunction<Integer, Random, RegressionTasks> tasks,
                      int steps, int batch, double lr, Random r, int evalEvery, IntConsumer onEval, LabProgress progress,
                      String label, boolean anneal) {
        Adam adam = new Adam(model.parameters(), (float) lr);
        int annealAt = anneal ? steps - steps / 4 : Integer.MAX_VALUE;
        onEval.accept(0);
        for (int s = 1; s <= steps; s++) {
            if (s == annealAt + 1) {
                adam = new Adam(model.parameters(), (float) (lr / 10));
            }
            progress.checkCancelled();
            RegressionTasks t = tasks.apply(batch, r);
            adam.zeroGrad();
            Var loss = Losses.mse(model.predict(LinearSelfAttention.tokens(t)), Var.constant(toFloat(t.yq()), batch, 1));
            loss.backward();
            adam.step();
            if (s % evalEvery == 0 || s == steps) {
                onEval.accept(s);
                progress.update(label + ": step " + s + " of " + steps, Double.NaN);
            }
        }
    }

    /**
     * Trains the convex model ŷ = x_qᵀ·Γ·g (g = (1/n)Σ y_j x_j; Γ d×d from 0) with the same Adam schedule as
     * {@link #train}: the loss is a convex quadratic in Γ, unlike in the factored LSA weights. Returns Γ row-major;
     * {@code onEval} sees the step number and the current Γ at 0, every {@code evalEvery} steps and at the end.
     */
    static double[] trainGamma(RegressionTasks.Sampler sampler, int steps, int batch, double lr, Random r, int evalEvery,
                               java.util.function.ObjIntConsumer<double[]> onEval, LabProgress progress) {
        int d = sampler.d();
        int n = sampler.n();
        Var gamma = Var.param(new float[d * d], d, d);
        Adam adam = new Adam(java.util.List.of(gamma), (float) lr);
        int annealAt = steps - steps / 4;
        onEval.accept(toDouble(gamma.data()), 0);
        for (int s = 1; s <= steps; s++) {
            if (s == annealAt + 1) {
                adam = new Adam(java.util.List.of(gamma), (float) (lr / 10));
            }
            progress.checkCancelled();
            RegressionTasks t = sampler.sample(batch, r, 1);
            float[] xq = new float[batch * d];
            float[] g = new float[batch * d];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < d; i++) {
                    xq[b * d + i] = (float) t.xq()[b * d + i];
                }
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < d; i++) {
                        g[b * d + i] += (float) (t.y()[b * n + j] * t.x()[(b * n + j) * d + i] / n);
                    }
                }
            }
            adam.zeroGrad();
            Var xqGamma = Autograd.reshape(Autograd.matmul(Var.constant(xq, batch, d), gamma), batch, 1, d);
            Var pred = Autograd.reshape(Autograd.bmm(xqGamma, Var.constant(g, batch, 1, d), true), batch, 1);
            Losses.mse(pred, Var.constant(toFloat(t.yq()), batch, 1)).backward();
            adam.step();
            if (s % evalEvery == 0 || s == steps) {
                onEval.accept(toDouble(gamma.data()), s);
            }
        }
        return toDouble(gamma.data());
    }

    static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
