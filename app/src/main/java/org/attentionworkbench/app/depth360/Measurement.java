package org.attentionworkbench.app.depth360;

/**
 * The page's measurement: the first point, and the second once picked (NaN until then); lon, lat in
 * radians, latitude up. {@code distance} is the scaled 3D distance between them (NaN until both have depth).
 */
public record Measurement(double lon1, double lat1, double lon2, double lat2, double distance) {
    public static Measurement first(double lon, double lat) {
        return new Measurement(lon, lat, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean complete() {
        return !Double.isNaN(lon2);
    }
}
