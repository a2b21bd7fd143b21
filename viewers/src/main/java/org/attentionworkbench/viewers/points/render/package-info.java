/**
 * Drawing points without JavaFX: the {@link Camera}, what to draw ({@link PointBatch}, plain arrays),
 * how ({@link RenderSettings}) and the {@link PointRenderer}s that turn them into a {@link Frame}
 * (ARGB pixels, the id of the point drawn at each pixel, its depth). The CLI renders headless with
 * these; the JavaFX view in {@code viewers.points} shows their frames.
 */
package org.attentionworkbench.viewers.points.render;
