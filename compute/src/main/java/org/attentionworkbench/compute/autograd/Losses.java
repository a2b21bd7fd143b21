package org.attentionworkbench.compute.autograd;

/**
 * Scalar losses, each the mean over all elements (PyTorch's default reduction). The gradient flows to the
 * prediction only; targets are data (soft targets in [0, 1] are allowed for the binary losses).
 */
public final class Losses {
    private Losses() {}

    /** mean((pred − target)²). */
    public static Var mse(Var pred, Var target) {
        Autograd.sameShape("mse", pred, target);
        int n = pred.size();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = pred.data()[i] - target.data()[i];
            s += d * d;
        }
        Var out = new Var(new float[] {(float) (s / n)}, new int[] {1}, pred);
        out.onBackward(() -> {
            float g = out.grad()[0] * 2f / n;
            float[] gp = pred.gradIfNeeded();
            for (int i = 0; i < n; i++) {
                gp[i] += g * (pred.data()[i] - target.data()[i]);
            }
        });
        return out;
    }

    /** mean|pred − target| (the subgradient 0 where they are equal). */
    public static Var l1(Var pred, Var target) {
        Autograd.sameShape("l1", pred, target);
        int n = pred.size();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(pred.data()[i] - target.data()[i]);
        }
        Var out = new Var(new float[] {(float) (s / n)}, new int[] {1}, pred);
        out.onBackward(() -> {
            float g = out.grad()[0] / n;
            float[] gp = pred.gradIfNeeded();
            for (int i = 0; i < n; i++) {
                gp[i] += g * Math.signum(pred.data()[i] - target.data()[i]);
            }
        });
        return out;
    }

    /** Binary cross-entropy on logits z (PyTorch's binary_cross_entropy_with_logits): mean(softplus(z) − y·z). */
    public static Var bceWithLogits(Var logits, Var target) {
        Autograd.sameShape("bce", logits, target);
        int n = logits.size();
        double s = 0;
        for (int i = 0; i < n; i++) {
            float z = logits.data()[i];
            s += softplus(z) - target.data()[i] * z;
        }
        Var out = new Var(new float[] {(float) (s / n)}, new int[] {1}, logits);
        out.onBackward(() -> {
            float g = out.grad()[0] / n;
            float[] gz = logits.gradIfNeeded();
            for (int i = 0; i < n; i++) {
                gz[i] += g * (Autograd.sigmoid(logits.data()[i]) - target.data()[i]);
            }
        });
        return out;
    }

    /**
     * Focal loss on logits (RetinaNet, as DRAEM trains its segmentation head): with p = σ(z),
     * mean(−y·α(1−p)^γ·log p − (1−y)(1−α)p^γ·log(1−p)). γ = 0, α = 0.5 is half the BCE.
     */
    public static Var focalWithLogits(Var logits, Var target, float gamma, float alpha) {
        Autograd.sameShape("focal", logits, target);
        int n = logits.size();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double z = logits.data()[i];
            double y = target.data()[i];
            double p = 1 / (1 + Math.exp(-z));
            double logP = -softplus(-z);
            double log1mP = -softplus(z);
            s += -y * alpha * Math.pow(1 - p, gamma) * logP - (1 - y) * (1 - alpha) * Math.pow(p, gamma) * log1mP;
        }
        Var out = new Var(new float[] {(float) (s / n)}, new int[] {1}, logits);
        out.onBackward(() -> {
            float g = out.grad()[0] / n;
            float[] gz = logits.gradIfNeeded();
            for (int i = 0; i < n; i++) {
                double z = logits.data()[i];
                double y = target.data()[i];
                double p = 1 / (1 + Math.exp(-z));
                double logP = -softplus(-z);
                double log1mP = -softplus(z);
                // d/dz of the positive term: α(1−p)^γ(γ·p·log p − (1 − p)); of the negative: −(1−α)p^γ(γ(1−p)log(1−p) − p)
                double dPos = alpha * Math.pow(1 - p, gamma) * (gamma * p * logP - (1 - p));
                double dNeg = -(1 - alpha) * Math.pow(p, gamma) * (gamma * (1 - p) * log1mP - p);
                gz[i] += (float) (g * (y * dPos + (1 - y) * dNeg));
            }
        });
        return out;
    }

    /**
     * Softmax cross-entropy (PyTorch's {@code cross_entropy}, mean over rows): logits [m, C], one class index per
     * row; the gradient is (softmax − one-hot) / m.
     */
    public static Var crossEntropy(Var logits, int[] targets) {
        if (logits.rank() != 2 || logits.dim(0) != targets.length) {
            throw new IllegalArgumentException("crossEntropy: logits " + java.util.Arrays.toString(logits.shape())
                    + " for " + targets.length + " targets");
        }
        int m = logits.dim(0);
        int c = logits.dim(1);
        float[] p = new float[m * c];
        double s = 0;
        for (int r = 0; r < m; r++) {
            if (targets[r] < 0 || targets[r] >= c) {
                throw new IllegalArgumentException("crossEntropy: target " + targets[r] + " outside 0 … " + (c - 1));
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, logits.data()[r * c + j]);
            }
            double z = 0;
            for (int j = 0; j < c; j++) {
                z += Math.exp(logits.data()[r * c + j] - max);
            }
            for (int j = 0; j < c; j++) {
                p[r * c + j] = (float) (Math.exp(logits.data()[r * c + j] - max) / z);
            }
            s += max + Math.log(z) - logits.data()[r * c + targets[r]];
        }
        Var out = new Var(new float[] {(float) (s / m)}, new int[] {1}, logits);
        int[] t = targets.clone();
        out.onBackward(() -> {
            float g = out.grad()[0] / m;
            float[] gz = logits.gradIfNeeded();
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < c; j++) {
                    gz[r * c + j] += g * (p[r * c + j] - (j == t[r] ? 1 : 0));
                }
            }
        });
        return out;
    }

    /** log(1 + eᶻ) without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }
}
