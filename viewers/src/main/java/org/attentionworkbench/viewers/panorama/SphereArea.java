package org.attentionworkbench.viewers.panorama;

/**
 * The part of the sphere an equirectangular image covers, in radians: longitudes from
 * {@code lonLeft} eastwards over {@code lonExtent}, latitudes (up positive) from {@code latTop}
 * down over {@code latExtent}. A cropped (GPano) panorama covers less than the full sphere; the
 * view draws its background elsewhere.
 */
public record SphereArea(double lonLeft, double lonExtent, double latTop, double latExtent) {
    /** The whole sphere: −π..π, +π/2..−π/2. */
    public static final SphereArea FULL = new SphereArea(-Math.PI, 2 * Math.PI, Math.PI / 2, Math.PI);

    public SphereArea {
        if (!(lonExtent > 0 && lonExtent <= 2 * Math.PI + 1e-9) || !(latExtent > 0 && latExtent <= Math.PI + 1e-9)
                || !Double.isFinite(lonLeft) || !(latTop <= Math.PI / 2 + 1e-9 && latTop - latExtent >= -Math.PI / 2 - 1e-9)) {
            throw new IllegalArgumentException("bad sphere area: lon " + lonLeft + " + " + lonExtent + ", lat "
                    + latTop + " − " + latExtent);
        }
    }

    /**
     * The area of a crop {@code left, top, width × height} inside a full panorama of
     * {@code fullWidth × fullHeight} pixels (GPano's CroppedArea* and FullPano* values), the full
     * panorama's centre at longitude 0.
     */
    public static SphereArea ofCrop(double fullWidth, double fullHeight, double left, double top, double width,
            double height) {
        return new SphereArea(-Math.PI + 2 * Math.PI * left / fullWidth, 2 * Math.PI * width / fullWidth,
                Math.PI / 2 - Math.PI * top / fullHeight, Math.PI * height / fullHeight);
    }

    public boolean isFullCircle() {
        return lonExtent >= 2 * Math.PI - 1e-9;
    }
}
