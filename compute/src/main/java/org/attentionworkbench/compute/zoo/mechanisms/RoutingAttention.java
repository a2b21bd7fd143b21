package org.attentionworkbench.compute.zoo.mechanisms;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Routing Transformer (Roy et al., TACL 2021; google-research routing_transformer/utils.py): tokens are
 * routed to k clusters and attend by softmax only inside their cluster. The paper learns the centroids
 * by online (EMA) k-means on layer-normed Q and K; the parameter-free version here runs a few Lloyd
 * iterations of spherical k-means on the layer-normed (no scale) and unit-normalised queries, seeded
 * and deterministic, with shared QK routing: a token's keys are the tokens of its own cluster. Each
 * token goes to its nearest centroid (hard assignment, so every row of M sums to 1) instead of the
 * code's balanced top-w gather. M[i,j] = softmax over j in cluster(i) of q_i·k_j/√d, 0 elsewhere.
 */
public final class RoutingAttention extends LinearInV {
    private final int clusters;
    private final int iterations;
    private final long seed;

    /** round(√N) clusters, 10 Lloyd iterations, seed 0. */
    public RoutingAttention() {
        this(0, 10, 0);
    }

    /** @param clusters k (0: round(√N)) */
    public RoutingAttention(int clusters, int iterations, long seed) {
        if (clusters < 0 || iterations < 1) {
            throw new IllegalArgumentException("Routing attention: " + clusters + " clusters, " + iterations
                    + " iterations (need clusters ≥ 0, iterations ≥ 1)");
        }
        this.clusters = clusters;
        this.iterations = iterations;
        this.seed = seed;
    }

    int clusters(int n) {
        return clusters > 0 ? Math.min(clusters, n) : GridGroups.sqrt(n);
    }

    @Override
    public String id() {
        return "routing";
    }

    @Override
    public String title() {
        return "Routing Transformer (k-means clusters)";
    }

    @Override
    public String reference() {
        return "Roy et al., Routing Transformer (TACL 2021); google-research routing_transformer/utils.py";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; centroids: parameter-free spherical k-means (" + iterations
                + " Lloyd iterations, seed " + seed + ") on layer-normed queries instead of the learned EMA k-means, "
                + clusters(in.n()) + " clusters, shared QK routing";
    }

    /** Cluster of every token (deterministic for a given input and seed). */
    public int[] assign(ZooInput in) {
        int n = in.n();
        int d = in.d();
        int k = clusters(n);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int c = 0; c < d; c++) {
                mean += in.q()[i * d + c] / (double) d;
            }
            double var = 0;
            for (int c = 0; c < d; c++) {
                double e = in.q()[i * d + c] - mean;
                var += e * e / d;
            }
            double sd = Math.sqrt(var + 1e-6);
            for (int c = 0; c < d; c++) {
                x[i * d + c] = (in.q()[i * d + c] - mean) / sd;
            }
            normalise(x, i, d);
        }
        // seeded choice of k distinct tokens as the first centroids
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] cent = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(x, order[c] * d, cent, c * d, d);
        }
        int[] assign = new int[n];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDot = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dot = CombinerFixed.dot(x, i, cent, c, d);
                    if (dot > bestDot) {
                        bestDot = dot;
                        best = c;
                    }
                }
                assign[i] = best;
            }
            double[] sum = new double[k * d];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[assign[i]]++;
                for (int c = 0; c < d; c++) {
                    sum[assign[i] * d + c] += x[i * d + c];
                }
            }
            for (int c = 0; c < k; c++) {
                if (count[c] > 0) {
                    System.arraycopy(sum, c * d, cent, c * d, d);
                    normalise(cent, c, d);
                }
            }
        }
        return assign;
    }

    private static void normalise(double[] a, int row, int d) {
        double norm = 0;
        for (int c = 0; c < d; c++) {
            norm += a[row * d + c] * a[row * d + c];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int c = 0; c < d; c++) {
                a[row * d + c] /= norm;
            }
        }
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int[] assign = assign(in);
        int k = clusters(in.n());
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < assign.length; i++) {
            members.get(assign[i]).add(i);
        }
        int[][] groups = members.stream().filter(g -> !g.isEmpty())
                .map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        return Dense.toFloat(Dense.groupAttention(groups, Dense.of(in.q()), Dense.of(in.k()), in.d(), in.scale(),
                Dense.of(values), dv, in.n()));
    }

    @Override
    public double flops(int n, int d) {
        double k = Math.max(1, Math.round(Math.sqrt(n)));
        double w = n / k;
        return 2.0 * n * k * d * iterations + 4.0 * n * w * d + 3.0 * n * w;
    }
}
