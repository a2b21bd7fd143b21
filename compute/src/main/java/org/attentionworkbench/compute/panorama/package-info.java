/**
 * 360° geometry: equirectangular (ERP) maps, gnomonic tangent patches, and the way back.
 *
 * <p>Angles are radians. Longitude λ runs −π (left) … +π (right); latitude φ follows OmniFusion and
 * grows <em>downwards</em>: φ = −π/2 is the top row of an ERP map, +π/2 the bottom row (see
 * {@link org.attentionworkbench.compute.panorama.Equirect}). On a tangent plane x grows to the right
 * and y downwards, so patch row 0 is its top. No JavaFX, no AWT: maps are plain {@code float[]}
 * in channel-major C×H×W order.
 */
package org.attentionworkbench.compute.panorama;
