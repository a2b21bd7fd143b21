package org.attentionworkbench.viewers.panorama;

import java.util.Locale;

/**
 * Where the camera looks, in degrees: yaw (longitude of the view centre, east/right positive), pitch
 * (up positive) and the horizontal field of view. A value; every move makes a new one.
 */
public record ViewState(double yaw, double pitch, double hfov) {
    /** Pannellum's start view: yaw 0, pitch 0, hfov 100. */
    public static final ViewState DEFAULT = new ViewState(0, 0, 100);

    public ViewState {
        if (!Double.isFinite(yaw) || !Double.isFinite(pitch) || !(hfov > 0 && hfov < 180)) {
            throw new IllegalArgumentException("bad view: yaw " + yaw + ", pitch " + pitch + ", hfov " + hfov);
        }
    }

    public ViewState withYaw(double y) { return new ViewState(y, pitch, hfov); }
    public ViewState withPitch(double p) { return new ViewState(yaw, p, hfov); }
    public ViewState withHfov(double f) { return new ViewState(yaw, pitch, f); }

    /** Vertical field of view (degrees) for a frame of this aspect (height / width). */
    public double vfov(double width, double height) {
        return Math.toDegrees(2 * Math.atan(Math.tan(Math.toRadians(hfov) / 2) * height / width));
    }

    static double wrapYaw(double y) {
        double w = ((y + 180) % 360 + 360) % 360 - 180;
        return w == -180 ? 180 : w;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "yaw %.1f°, pitch %.1f°, FOV %.0f°", yaw, pitch, hfov);
    }
}
