package org.attentionworkbench.compute.panorama;

/**
 * The gnomonic projection of the sphere onto the plane tangent at (λ0, φ0), as OmniFusion
 * ({@code pers2equi_v3.py}, {@code equi2pers_v3.py}) and 360MonoDepth write it. Radians throughout.
 */
public final class Gnomonic {
    private Gnomonic() {}

    /** cos of the angular distance between (λ, φ) and the tangent point; the forward map needs it > 0. */
    public static double cosC(double lon, double lat, double lon0, double lat0) {
        return Math.sin(lat0) * Math.sin(lat) + Math.cos(lat0) * Math.cos(lat) * Math.cos(lon - lon0);
    }

    /**
     * (λ, φ) → (x, y) on the tangent plane, written into {@code xyOut[0..1]}. Returns false (and
     * leaves {@code xyOut} untouched) where cos c ≤ 0: the point is on the far hemisphere and has
     * no image on this plane.
     */
    public static boolean forward(double lon, double lat, double lon0, double lat0, double[] xyOut) {
        double cosLat = Math.cos(lat);
        double cosDLon = Math.cos(lon - lon0);
        double cosC = Math.sin(lat0) * Math.sin(lat) + Math.cos(lat0) * cosLat * cosDLon;
        if (!(cosC > 0)) {
            return false;
        }
        xyOut[0] = cosLat * Math.sin(lon - lon0) / cosC;
        xyOut[1] = (Math.cos(lat0) * Math.sin(lat) - Math.sin(lat0) * cosLat * cosDLon) / cosC;
        return true;
    }

    /** (x, y) on the tangent plane → (λ, φ) into {@code lonLatOut[0..1]}, λ wrapped into [−π, π]. */
    public static void inverse(double x, double y, double lon0, double lat0, double[] lonLatOut) {
        double rho = Math.hypot(x, y);
        if (rho == 0) {
            lonLatOut[0] = wrapLongitude(lon0);
            lonLatOut[1] = lat0;
            return;
        }
        double c = Math.atan(rho);
        double sinC = Math.sin(c);
        double cosC = Math.cos(c);
        double s = cosC * Math.sin(lat0) + y * sinC * Math.cos(lat0) / rho;
        lonLatOut[1] = Math.asin(Math.max(-1, Math.min(1, s)));
        lonLatOut[0] = wrapLongitude(
                lon0 + Math.atan2(x * sinC, rho * Math.cos(lat0) * cosC - y * Math.sin(lat0) * sinC));
    }

    /** λ brought into [−π, π]. */
    public static double wrapLongitude(double lon) {
        if (lon >= -Math.PI && lon <= Math.PI) {
            return lon;
        }
        double w = lon - 2 * Math.PI * Math.floor((lon + Math.PI) / (2 * Math.PI));
        return w > Math.PI ? w - 2 * Math.PI : w;
    }
}
