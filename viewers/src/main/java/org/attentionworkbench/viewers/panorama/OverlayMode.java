package org.attentionworkbench.viewers.panorama;

/** How a {@link PanoramaOverlay} is shown over the panorama. */
public enum OverlayMode {
    /** Colormapped values over the image at the overlay's opacity. */
    BLEND,
    /** Two synced views side by side: the image on the left, the overlay (opaque) on the right. */
    SIDE_BY_SIDE,
    /** The overlay (opaque) right of a draggable vertical divider, the image left of it. */
    SWIPE
}
