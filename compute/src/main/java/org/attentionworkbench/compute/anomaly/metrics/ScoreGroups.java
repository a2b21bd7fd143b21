package org.attentionworkbench.compute.anomaly.metrics;

import java.util.function.IntToDoubleFunction;

/**
 * Walks two ascending sorted score arrays (positives, negatives) from the highest score down, one group
 * per distinct score: the shape every threshold metric needs (sklearn's {@code _binary_clf_curve}), with
 * ties grouped so a threshold never splits equal scores.
 *
 * <p>Keeping the classes in two plain sorted arrays, instead of one array of (score, label) pairs, costs
 * 4 bytes a pixel for float maps: pixel metrics over tens of millions of pixels stay within memory.
 */
final class ScoreGroups {
    private final IntToDoubleFunction posScore; // i-th positive score, ascending
    private final IntToDoubleFunction negScore;
    private int ip;
    private int in;
    private double score;
    private long groupPos;
    private long groupNeg;

    private ScoreGroups(IntToDoubleFunction posScore, int posCount, IntToDoubleFunction negScore, int negCount) {
        this.posScore = posScore;
        this.negScore = negScore;
        this.ip = posCount - 1;
        this.in = negCount - 1;
    }

    static ScoreGroups of(double[] sortedPos, double[] sortedNeg) {
        return new ScoreGroups(i -> sortedPos[i], sortedPos.length, i -> sortedNeg[i], sortedNeg.length);
    }

    static ScoreGroups of(float[] sortedPos, float[] sortedNeg) {
        return new ScoreGroups(i -> sortedPos[i], sortedPos.length, i -> sortedNeg[i], sortedNeg.length);
    }

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
        double s = !hp ? negScore.applyAsDouble(in)
                : !hn ? posScore.applyAsDouble(ip)
                : Math.max(posScore.applyAsDouble(ip), negScore.applyAsDouble(in));
        long p = 0, n = 0;
        while (ip >= 0 && posScore.applyAsDouble(ip) == s) {
            ip--;
            p++;
        }
        while (in >= 0 && negScore.applyAsDouble(in) == s) {
            in--;
            n++;
        }
        score = s;
        groupPos = p;
        groupNeg = n;
        return true;
    }
}
