package org.attentionworkbench.viewers.points.render;

/**
 * How big a point is drawn (Potree's {@code pointcloud.vs getPointSize}): FIXED pixels;
 * ATTENUATED: size × spacing projected at the point's depth (far points smaller); ADAPTIVE: like
 * ATTENUATED with the batch's own spacing (coarse LOD nodes draw bigger points, so no holes).
 */
public enum SizeMode {
    FIXED, ATTENUATED, ADAPTIVE
}
