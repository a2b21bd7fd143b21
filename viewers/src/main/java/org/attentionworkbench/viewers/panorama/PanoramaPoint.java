package org.attentionworkbench.viewers.panorama;

/**
 * A place on the panorama under the pointer: longitude and latitude in radians (latitude up
 * positive), the fractional ERP pixel of the shown image there ({@code column, row} in the view's
 * {@link ErpConvention}; NaN outside a cropped image) and the frame position it was taken at.
 */
public record PanoramaPoint(double lon, double lat, double column, double row, double frameX, double frameY) {
}
