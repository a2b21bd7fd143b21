package org.attentionworkbench.app.pointcloud;

import java.util.List;
import java.util.Locale;

/** What the picked points measure: two give a distance and its ΔX/ΔY/ΔZ, three the angle at the middle one. */
public final class Measurements {
    private Measurements() {
    }

    public static double distance(PickedPoint a, PickedPoint b) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double dz = b.z() - a.z();
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The angle a-b-c at b, in degrees (NaN when a or c coincides with b). */
    public static double angle(PickedPoint a, PickedPoint b, PickedPoint c) {
        double[] u = {a.x() - b.x(), a.y() - b.y(), a.z() - b.z()};
        double[] v = {c.x() - b.x(), c.y() - b.y(), c.z() - b.z()};
        double nu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        double nv = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (nu == 0 || nv == 0) {
            return Double.NaN;
        }
        double cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (nu * nv);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }

    /** The text under the picked list: the last two points' distance, the last three's angle. */
    public static String describe(List<PickedPoint> picked) {
        int n = picked.size();
        if (n < 2) {
            return n == 0 ? "Click a point to see its values." : "Click a second point to measure a distance.";
        }
        PickedPoint a = picked.get(n - 2);
        PickedPoint b = picked.get(n - 1);
        String text = String.format(Locale.ROOT, "Distance %s%nΔX %s  ΔY %s  ΔZ %s", fmt(distance(a, b)),
                fmt(b.x() - a.x()), fmt(b.y() - a.y()), fmt(b.z() - a.z()));
        if (n >= 3) {
            text += String.format(Locale.ROOT, "\nAngle at #%d: %.2f°", a.index(), angle(picked.get(n - 3), a, b));
        }
        return text;
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
