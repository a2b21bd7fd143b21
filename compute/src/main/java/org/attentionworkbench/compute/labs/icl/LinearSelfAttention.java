package org.attentionworkbench.compute.labs.icl;

import static org.attentionworkbench.compute.autograd.Autograd.add;
import static org.attentionworkbench.compute.autograd.Autograd.bmm;
import static org.attentionworkbench.compute.autograd.Autograd.matmul;
import static org.attentionworkbench.compute.autograd.Autograd.reshape;
import static org.attentionworkbench.compute.autograd.Autograd.scale;
import static org.attentionworkbench.compute.autograd.Autograd.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.autograd.Var;

/**
 * Linear self-attention as von Oswald et al. build it (row convention, no softmax, no 1/√d, residual):
 * e_i ← e_i + Σ_{j≤n} (e_iW_Q · e_jW_K)(e_jW_V)·W_O, with keys and values from the n context tokens only.
 * Tokens are [x; y] for the context and [x_q; 0] for the query; the prediction is −(the query's y slot).
 * Every layer has its own four D×D weights (D = d + 1); weights are autograd parameters so the same code trains.
 * {@link #withSoftmax()} gives the same layer with softmax scores (for the softmax-regression lab).
 */
public final class LinearSelfAttention {
    private final int d;
    private final List<Var[]> layers; // {W_Q, W_K, W_V, W_O} per layer
    private boolean softmax; // scores through a row softmax over the context keys (the softmax-regression lab)

    private LinearSelfAttention(int d, List<Var[]> layers) {
        this.d = d;
        this.layers = layers;
    }

    /** The same weights with softmax attention: e_i ← e_i + Σ_j softmax_j(e_iW_Q · e_jW_K)(e_jW_V)·W_O. */
    public LinearSelfAttention withSoftmax() {
        LinearSelfAttention m = new LinearSelfAttention(d, layers);
        m.softmax = true;
        return m;
    }

    public boolean softmax() {
        return softmax;
    }

    public int d() {
        return d;
    }

    public int depth() {
        return layers.size();
    }

    /** The weights of one layer: 0 = W_Q, 1 = W_K, 2 = W_V, 3 = W_O, each (d+1)×(d+1) row-major. */
    public float[] weight(int layer, int which) {
        return layers.get(layer)[which].data();
    }

    public List<Var> parameters() {
        List<Var> ps = new ArrayList<>();
        for (Var[] l : layers) {
            ps.addAll(List.of(l));
        }
        return ps;
    }

    /**
     * The GD construction, repeated in every layer: W_Q = W_K = diag(I_d, 0) (scores x_i·x_j), W_V = diag(0…0, −1)
     * (values −y_j), W_O = diag(0…0, η/n). One layer moves the query's y slot to −η·(1/n)Σ y_j x_jᵀx_q, i.e. minus
     * one GD step from W = 0 on L(W) = (1/2n)Σ(Wx_j − y_j)² applied to x_q; K layers are K steps (the context
     * y slots become the residuals y_j − W_k x_j).
     */
    public static LinearSelfAttention gradientDescent(int d, int n, double eta, int depth) {
        return gdPlusPlus(d, n, eta, 0, depth);
    }

    /**
     * GD++ (von Oswald et al.): as {@link #gradientDescent} and also W_V's x block −γ·I with W_O's x block I/n,
     * so every layer also preconditions the inputs, x ← (I − γΣ̂)x with Σ̂ = (1/n)Σ x_j x_jᵀ (context and query).
     */
    public static LinearSelfAttention gdPlusPlus(int d, int n, double eta, double gamma, int depth) {
        int dd = d + 1;
        List<Var[]> ls = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            float[] q = new float[dd * dd];
            float[] v = new float[dd * dd];
            float[] o = new float[dd * dd];
            for (int i = 0; i < d; i++) {
                q[i * dd + i] = 1;
                v[i * dd + i] = (float) -gamma;
                o[i * dd + i] = 1f / n;
            }
            v[dd * dd - 1] = -1;
            o[dd * dd - 1] = (float) (eta / n);
            ls.add(new Var[] {Var.param(q, dd, dd), Var.param(q.clone(), dd, dd), Var.param(v, dd, dd), Var.param(o, dd, dd)});
        }
        return new LinearSelfAttention(d, ls);
    }

    /** Given weights, four per layer in the order W_Q, W_K, W_V, W_O, each (d+1)×(d+1) row-major (copied). */
    public static LinearSelfAttention fromWeights(int d, float[]... weights) {
        int dd = d + 1;
        if (weights.length == 0 || weights.length % 4 != 0) {
            throw new IllegalArgumentException(weights.length + " weight matrices: need four per layer");
        }
        List<Var[]> ls = new ArrayList<>();
        for (int l = 0; l < weights.length / 4; l++) {
            Var[] w = new Var[4];
            for (int k = 0; k < 4; k++) {
                float[] a = weights[4 * l + k];
                if (a.length != dd * dd) {
                    throw new IllegalArgumentException("weight " + (4 * l + k) + ": " + a.length + " values, need " + dd * dd);
                }
                w[k] = Var.param(a.clone(), dd, dd);
            }
            ls.add(w);
        }
        return new LinearSelfAttention(d, ls);
    }

    /** Random weights N(0, std²), the start of training. */
    public static LinearSelfAttention random(int d, int depth, double std, Random r) {
        int dd = d + 1;
        List<Var[]> ls = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            Var[] w = new Var[4];
            for (int k = 0; k < 4; k++) {
                float[] a = new float[dd * dd];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (std * r.nextGaussian());
                }
                w[k] = Var.param(a, dd, dd);
            }
            ls.add(w);
        }
        return new LinearSelfAttention(d, ls);
    }

    /**
     * The block-sparse start of Zhang, Frei &amp; Bartlett ("Trained transformers learn linear models in-context",
     * 2023): W_Q = W_K with only the x block random N(0, std²), W_V and W_O zero but for the y entry (−std and std),
     * so the score/value paths that mix x and y (P_xy, VO_xy) start at zero. From a dense random start, those paths
     * carry a rank-one shortcut Γ ∝ P_xy·VO_xyᵀ that can trap the training on anisotropic inputs (icl-optimal lab).
     */
    public static LinearSelfAttention blockRandom(int d, double std, Random r) {
        int dd = d + 1;
        float[] q = new float[dd * dd];
        float[] v = new float[dd * dd];
        float[] o = new float[dd * dd];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                q[i * dd + j] = (float) (std * r.nextGaussian());
            }
        }
        v[dd * dd - 1] = (float) -std;
        o[dd * dd - 1] = (float) std;
        return fromWeights(d, q, q, v, o);
    }

    /** Tokens [B, n+1, d+1] of a task batch: rows [x_j; y_j], then [x_q; 0]. */
    public static Var tokens(RegressionTasks t) {
        int dd = t.d() + 1;
        int tn = t.n() + 1;
        float[] e = new float[t.batch() * tn * dd];
        for (int b = 0; b < t.batch(); b++) {
            for (int j = 0; j < t.n(); j++) {
                int at = (b * tn + j) * dd;
                for (int i = 0; i < t.d(); i++) {
                    e[at + i] = (float) t.x()[(b * t.n() + j) * t.d() + i];
                }
                e[at + t.d()] = (float) t.y()[b * t.n() + j];
            }
            int at = (b * tn + t.n()) * dd;
            for (int i = 0; i < t.d(); i++) {
                e[at + i] = (float) t.xq()[b * t.d() + i];
            }
        }
        return Var.constant(e, t.batch(), tn, dd);
    }

    /** The tokens after every layer, [B, n+1, d+1]. */
    public Var forward(Var e) {
        int batch = e.dim(0);
        int tn = e.dim(1);
        int n = tn - 1;
        int dd = d + 1;
        for (Var[] w : layers) {
            Var flat = reshape(e, batch * tn, dd);
            Var ctx = reshape(slice(e, 1, 0, n), batch * n, dd);
            Var q = reshape(matmul(flat, w[0]), batch, tn, dd);
            Var k = reshape(matmul(ctx, w[1]), batch, n, dd);
            Var v = reshape(matmul(ctx, w[2]), batch, n, dd);
            Var scores = bmm(q, k, true);
            Var h = bmm(softmax ? org.attentionworkbench.compute.autograd.Autograd.softmaxRows(scores) : scores, v, false);
            e = add(e, reshape(matmul(reshape(h, batch * tn, dd), w[3]), batch, tn, dd));
        }
        return e;
    }

    /** Predictions [B, 1]: minus the query's y slot after the last layer. */
    public Var predict(Var e) {
        int tn = e.dim(1);
        Var out = forward(e);
        Var slot = slice(slice(out, 1, tn - 1, tn), 2, d, d + 1);
        return scale(reshape(slot, e.dim(0), 1), -1);
    }

    /** Predictions for a task batch, as doubles. */
    public double[] predict(RegressionTasks t) {
        float[] p = predict(tokens(t)).data();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i];
        }
        return out;
    }

    /** ∂ŷ/∂x_q per task [B·d] by reverse mode (the tokens as a parameter; tasks do not interact). */
    public double[] queryGradient(RegressionTasks t) {
        Var c = tokens(t);
        Var e = Var.param(c.data().clone(), c.shape());
        org.attentionworkbench.compute.autograd.Autograd.sum(predict(e)).backward();
        int tn = t.n() + 1;
        int dd = d + 1;
        double[] g = new double[t.batch() * d];
        for (int b = 0; b < t.batch(); b++) {
            for (int i = 0; i < d; i++) {
                g[b * d + i] = e.grad()[(b * tn + t.n()) * dd + i];
            }
        }
        for (Var p : parameters()) {
            p.zeroGrad();
        }
        return g;
    }

    /** W_Q·W_Kᵀ of a layer (the paper's W_KᵀW_Q in column convention): the bilinear form of the scores. */
    public float[] scoreMatrix(int layer) {
        return product(weight(layer, 0), transpose(weight(layer, 1)));
    }

    /** W_V·W_O of a layer (the paper's W_O·W_V): what a value contributes to the output. */
    public float[] valueOutputMatrix(int layer) {
        return product(weight(layer, 2), weight(layer, 3));
    }

    private float[] transpose(float[] a) {
        int dd = d + 1;
        float[] t = new float[a.length];
        for (int i = 0; i < dd; i++) {
            for (int j = 0; j < dd; j++) {
                t[j * dd + i] = a[i * dd + j];
            }
        }
        return t;
    }

    private float[] product(float[] a, float[] b) {
        int dd = d + 1;
        float[] c = new float[dd * dd];
        for (int i = 0; i < dd; i++) {
            for (int k = 0; k < dd; k++) {
                for (int j = 0; j < dd; j++) {
                    c[i * dd + j] += a[i * dd + k] * b[k * dd + j];
                }
            }
        }
        return c;
    }
}
