/**
 * The JavaFX 3D point view: {@link org.attentionworkbench.viewers.points.PointCloudView} shows the
 * frames of a {@code render.PointRenderer} with orbit, pan, zoom, picking and keys;
 * {@link org.attentionworkbench.viewers.points.PointScene} is what it draws.
 */
package org.attentionworkbench.viewers.points;
