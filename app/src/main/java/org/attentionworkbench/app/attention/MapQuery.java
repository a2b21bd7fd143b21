package org.attentionworkbench.app.attention;

import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadFusion;

/**
 * The map the overlay shows, from maps already computed: one query's attention row (or, reversed,
 * one key's column) of one head, of the fused heads, or of the rollout, cut to the patch grid.
 * This runs on every hover event, so it allocates nothing once sized: the token vector is scratch,
 * and the grid alternates between two buffers (a new reference is what makes a property fire).
 *
 * <p>Legend: N tokens, G = gridH · gridW patches, R the rollout [N·N].
 */
public final class MapQuery {
    /** Query token meaning "the class token" (token 0). */
    public static final int CLS = -1;

    private float[] tokens = new float[0];
    private final float[][] grids = new float[2][];
    private int next;

    /**
     * @param rollout   the rollout R [N·N] up to {@code layer}, or null for the raw attention
     * @param head      a head, or -1 for the heads fused with {@code fusion}
     * @param query     a token index, or {@link #CLS}
     * @param reverse   false: where the query looks (row); true: who looks at it (column)
     * @return [G] in one of this object's two buffers (valid until the call after next)
     */
    public float[] compute(AttentionMaps m, float[] rollout, int layer, int head, HeadFusion fusion, int query,
            boolean reverse) {
        int n = m.tokens();
        int g = m.gridH() * m.gridW();
        if (tokens.length != n) {
            tokens = new float[n];
        }
        int t = query == CLS ? 0 : query;
        // 1. the token vector: a row or a column of one head, of the fused heads, or of R
        if (rollout != null) {
            if (reverse) {
                for (int q = 0; q < n; q++) {
                    tokens[q] = rollout[q * n + t];
                }
            } else {
                System.arraycopy(rollout, t * n, tokens, 0, n);
            }
        } else if (head >= 0) {
            if (reverse) {
                m.column(layer, head, t, tokens);
            } else {
                m.row(layer, head, t, tokens);
            }
        } else if (reverse) {
            m.fusedColumn(layer, t, fusion, tokens);
        } else {
            m.fusedRow(layer, t, fusion, tokens);
        }
        // 2. the patch part, into the buffer the overlay is not holding
        float[] dst = grids[next];
        if (dst == null || dst.length != g) {
            dst = new float[g];
            grids[next] = dst;
        }
        next ^= 1;
        return m.patchGrid(tokens, dst);
    }
}
