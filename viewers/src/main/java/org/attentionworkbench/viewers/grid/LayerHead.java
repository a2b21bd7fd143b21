package org.attentionworkbench.viewers.grid;

/** A (layer, head) pair; head {@link #ALL_HEADS} stands for a fused "all heads" map. */
public record LayerHead(int layer, int head) {
    public static final int ALL_HEADS = -1;

    public boolean isFused() {
        return head == ALL_HEADS;
    }
}
