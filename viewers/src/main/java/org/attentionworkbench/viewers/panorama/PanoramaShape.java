package org.attentionworkbench.viewers.panorama;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * Something drawn on the sphere over the panorama: a polyline through points given as
 * (lon, lat) radians pairs, optionally closed, with a stroke colour and width; a single point is
 * drawn as a dot ({@link #marker}). An optional label is drawn at the first point. Segments are
 * drawn straight on screen between the given points, so sample long edges (see {@link #greatCircle}).
 */
public record PanoramaShape(double[] lonLat, boolean closed, Color colour, double lineWidth, String label) {
    public PanoramaShape {
        Objects.requireNonNull(lonLat, "lonLat");
        Objects.requireNonNull(colour, "colour");
        if (lonLat.length < 2 || lonLat.length % 2 != 0) {
            throw new IllegalArgumentException("a shape needs (lon, lat) pairs, got " + lonLat.length + " numbers");
        }
    }

    /** A dot at (lon, lat) with an optional label. */
    public static PanoramaShape marker(double lon, double lat, Color colour, String label) {
        return new PanoramaShape(new double[] {lon, lat}, false, colour, 6, label);
    }

    public boolean isMarker() {
        return lonLat.length == 2;
    }

    /** {@code segments + 1} points along the shorter great-circle arc from a to b, as (lon, lat) pairs. */
    public static double[] greatCircle(double lon1, double lat1, double lon2, double lat2, int segments) {
        double[] a = Projection.direction(lon1, lat1);
        double[] b = Projection.direction(lon2, lat2);
        double dot = Math.max(-1, Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
        double omega = Math.acos(dot);
        List<Double> out = new ArrayList<>();
        int n = Math.max(1, segments);
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            double wa, wb;
            if (omega < 1e-9) {
                wa = 1 - t;
                wb = t;
            } else {
                wa = Math.sin((1 - t) * omega) / Math.sin(omega);
                wb = Math.sin(t * omega) / Math.sin(omega);
            }
            double x = wa * a[0] + wb * b[0], y = wa * a[1] + wb * b[1], z = wa * a[2] + wb * b[2];
            out.add(Math.atan2(x, z));
            out.add(Math.atan2(y, Math.hypot(x, z)));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
