package org.attentionworkbench.viewers.points.render;

import java.util.List;

/**
 * Draws points into a {@link Frame}. Two implementations give nearly the same picture: the OpenGL
 * one (LWJGL, offscreen) and the multithreaded Java one; {@code PointRenderers} chooses.
 *
 * <p>Conventions both follow, so their frames compare pixel by pixel: a point projects through
 * {@link Camera#project}; a point of size s pixels covers the pixels whose centres lie in the
 * square of side s centred on its projection (GL's rule for points); nearer points win (depth
 * test "less", the first drawn wins ties); colours are the batch colours unlit, then Eye-Dome
 * Lighting if on.
 *
 * <p>A renderer is used from one thread at a time (the view's render thread, or the CLI).
 */
public interface PointRenderer extends AutoCloseable {
    /** "java" or "gl". */
    String name();

    /** Human-readable details (GL vendor and version, thread count) for the status bar. */
    String description();

    Frame render(List<PointBatch> batches, Camera camera, RenderSettings settings);

    @Override
    void close();
}
