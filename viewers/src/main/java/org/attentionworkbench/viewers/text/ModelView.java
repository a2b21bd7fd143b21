package org.attentionworkbench.viewers.text;

import org.attentionworkbench.viewers.grid.LayerHead;
import org.attentionworkbench.viewers.grid.SmallMultiples;

/**
 * BertViz's model view: every layer x head attention matrix (N x N, rows = queries) as a small
 * heatmap; click one (or move with the arrows) to select it. Optionally a leading "All" column
 * with the mean over heads.
 */
public class ModelView extends SmallMultiples {
    public static final String MODEL_VIEW_STYLE_CLASS = "model-view";

    public ModelView() {
        getStyleClass().add(MODEL_VIEW_STYLE_CLASS);
    }

    /** attention [L, H, N, N] row-major; fused adds the head-mean column (head -1). */
    public void setAttention(float[] attention, int layers, int heads, int n, boolean fused) {
        int nn = n * n;
        if (attention.length != (long) layers * heads * nn) {
            throw new IllegalArgumentException("attention has " + attention.length + " values, not "
                    + layers + " x " + heads + " x " + n + " x " + n);
        }
        setData(layers, heads, n, n, fused, (l, h) -> {
            float[] m = new float[nn];
            if (h == LayerHead.ALL_HEADS) {
                for (int k = 0; k < heads; k++) {
                    int base = (l * heads + k) * nn;
                    for (int i = 0; i < nn; i++) {
                        m[i] += attention[base + i] / heads;
                    }
                }
            } else {
                System.arraycopy(attention, (l * heads + h) * nn, m, 0, nn);
            }
            return m;
        });
    }
}
