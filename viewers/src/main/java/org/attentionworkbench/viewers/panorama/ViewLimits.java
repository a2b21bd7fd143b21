package org.attentionworkbench.viewers.panorama;

/**
 * Bounds of the camera, in degrees: horizontal field of view (Pannellum's defaults 50..120) and pitch.
 */
public record ViewLimits(double minHfov, double maxHfov, double minPitch, double maxPitch) {
    public static final ViewLimits DEFAULT = new ViewLimits(50, 120, -90, 90);

    public ViewLimits {
        if (!(minHfov > 0 && minHfov <= maxHfov && maxHfov < 180) || !(minPitch <= maxPitch)
                || minPitch < -90 || maxPitch > 90) {
            throw new IllegalArgumentException("bad view limits: hfov " + minHfov + ".." + maxHfov + ", pitch "
                    + minPitch + ".." + maxPitch);
        }
    }

    /** The view moved inside the limits (yaw wrapped to (−180, 180]). */
    public ViewState clamp(ViewState v) {
        return new ViewState(ViewState.wrapYaw(v.yaw()), Math.max(minPitch, Math.min(maxPitch, v.pitch())),
                Math.max(minHfov, Math.min(maxHfov, v.hfov())));
    }
}
