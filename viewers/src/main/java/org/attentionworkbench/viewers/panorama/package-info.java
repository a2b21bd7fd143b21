/**
 * The 360° panorama viewer: {@link org.attentionworkbench.viewers.panorama.PanoramaView} renders a
 * tiled equirectangular {@link org.attentionworkbench.viewers.panorama.PanoramaImage} in software
 * ({@link org.attentionworkbench.viewers.panorama.PanoramaRenderer}, no JavaFX) with overlays,
 * shapes and pointer events; the camera math ({@code Projection}, {@code ViewLimits},
 * {@code Inertia}, {@code AutoRotate}) has no JavaFX either.
 */
package org.attentionworkbench.viewers.panorama;
