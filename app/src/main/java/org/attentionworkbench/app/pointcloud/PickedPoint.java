package org.attentionworkbench.app.pointcloud;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * A point the user clicked: its index in the cloud, world position and every value it carries
 * (name → value as text, in the cloud's field order).
 */
public record PickedPoint(int index, double x, double y, double z, Map<String, String> values) {

    public static PickedPoint of(PointCloud cloud, int index) {
        Map<String, String> v = new LinkedHashMap<>();
        double x = cloud.coordinate(index, 0);
        double y = cloud.coordinate(index, 1);
        double z = cloud.coordinate(index, 2);
        if (cloud.rgb() != null) {
            byte[] c = cloud.rgb();
            v.put("rgb", (c[3 * index] & 0xFF) + " " + (c[3 * index + 1] & 0xFF) + " " + (c[3 * index + 2] & 0xFF));
        }
        if (cloud.normals() != null) {
            float[] n = cloud.normals();
            v.put("normal", String.format(Locale.ROOT, "%.4f %.4f %.4f", n[3 * index], n[3 * index + 1], n[3 * index + 2]));
        }
        for (ScalarField f : cloud.fields()) {
            v.put(f.name(), number(f.value(index)));
        }
        Provenance p = cloud.provenance();
        if (p != null && p.pixel()[index] >= 0) {
            v.put("source_pixel", p.u(index) + " " + p.v(index));
        }
        return new PickedPoint(index, x, y, z, java.util.Collections.unmodifiableMap(v));
    }

    public double[] position() {
        return new double[] {x, y, z};
    }

    /** "#123  (1.234, 5.678, 9.012)". */
    public String label() {
        return String.format(Locale.ROOT, "#%d  (%s, %s, %s)", index, number(x), number(y), number(z));
    }

    /** A value with enough digits and no trailing noise: integers as integers, else up to 6 significant digits after the point. */
    public static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.6f", d);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
