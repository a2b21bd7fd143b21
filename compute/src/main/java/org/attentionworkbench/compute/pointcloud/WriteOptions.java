package org.attentionworkbench.compute.pointcloud;

/** How to write: {@code ascii} for PLY (binary little-endian otherwise); XYZ is always text. */
public record WriteOptions(boolean ascii) {
    public static final WriteOptions DEFAULT = new WriteOptions(false);
}
