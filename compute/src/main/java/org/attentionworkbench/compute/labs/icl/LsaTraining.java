package org.attentionworkbench.compute.labs.icl;

import java.util.Random;
import java.util.function.IntConsumer;
import org.attentionworkbench.compute.autograd.Adam;
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
        Adam adam = new Adam(model.parameters(), (float) lr);
        int annealAt = anneal ? steps - steps / 4 : Integer.MAX_VALUE;
        onEval.accept(0);
        for (int s = 1; s <= steps; s++) {
            if (s == annealAt + 1) {
                adam = new Adam(model.parameters(), (float) (lr / 10));
            }
            progress.checkCancelled();
            RegressionTasks t = sampler.sample(batch, r, 1);
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

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
