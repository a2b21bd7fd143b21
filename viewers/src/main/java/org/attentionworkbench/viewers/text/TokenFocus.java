package org.attentionworkbench.viewers.text;

/** A token singled out in the head view: on the query (left) or key (right) column. */
public record TokenFocus(Side side, int index) {
    public enum Side {
        /** Queries: show where this token attends. */
        LEFT,
        /** Keys: show who attends to this token. */
        RIGHT
    }
}
