package org.attentionworkbench.compute.pointcloud.edit;

/** Which side of a selection shape an edit keeps. */
public enum Keep {
    INSIDE,
    OUTSIDE;

    /** Whether a point {@code inside} the shape (or not) is kept. */
    public boolean keeps(boolean inside) {
        return inside == (this == INSIDE);
    }
}
