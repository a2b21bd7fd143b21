package org.attentionworkbench.compute.anomaly.metrics;

/**
 * Walks two ascending sorted score arrays (positives, negatives) from the highest score down, one group
 * per distinct score: the shape every threshold metric needs (sklearn's {@code _binary_clf_curve}), with
 * ties grouped so a threshold never splits equal scores.
 *
 * <p>Keeping the classes in two plain sorted arrays, instead of one array of (score, label) pairs, costs
 * 4 bytes a pixel for float maps: pixel metrics over tens of millions of pixels stay within memory.
 */
abstract class ScoreGroups {
    protected int ip;
    protected int in;
    private double score;
    private long groupPos;
    private long groupNeg;

    /** The score of the current group. */
    double score() {
        return score;
    }

    /** Positives with exactly {@link #score()}. */
    long pos() {
        return groupPos;
    }

    /** Negatives with exactly {@link #score()}. */
    long neg() {
        return groupNeg;
    }

    /** Advances to the next lower distinct score; false when none is left. */
    boolean next() {
        boolean hp = ip >= 0, hn = in >= 0;
        if (!hp && !hn) {
            return false;
        }
        // the group's score: the larger of the two heads (arrays are walked from their ends)
        double s = !hp ? neg(in) : !hn ? pos(ip) : Math.max(pos(ip), neg(in));
        long p = 0, n = 0;
        while (ip >= 0 && pos(ip) == s) {
            ip--;
            p++;
        }
        while (in >= 0 && neg(in) == s) {
            in--;
            n++;
        }
        score = s;
        groupPos = p;
        groupNeg = n;
        return true;
    }

    abstract double pos(int i);

    abstract double neg(int i);

    static ScoreGroups of(double[] sortedPos, double[] sortedNeg) {
        ScoreGroups g = new ScoreGroups() {
            @Override
            double pos(int i) {
                return sortedPos[i];
            }

            @Override
            double neg(int i) {
                return sortedNeg[i];
            }
        };
        g.ip = sortedPos.length - 1;
        g.in = sortedNeg.length - 1;
        return g;
    }

    static ScoreGroups of(float[] sortedPos, float[] sortedNeg) {
        ScoreGroups g = new ScoreGroups() {
            @Override
            double pos(int i) {
                return sortedPos[i];
            }

            @Override
            double neg(int i) {
                return sortedNeg[i];
            }
        };
        g.ip = sortedPos.length - 1;
        g.in = sortedNeg.length - 1;
        return g;
    }
}
