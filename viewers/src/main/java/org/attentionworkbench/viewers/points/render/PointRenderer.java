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
 * <p>Exactly (the full text, with the reasons, is in {@link JavaPointRenderer}'s javadoc):
 * <ul>
 * <li>drawn only if depth is in [near, far] and the centre is in the frame (0 ≤ px ≤ width,
 *     0 ≤ py ≤ height); points with a non-finite coordinate are skipped;
 * <li>size s: FIXED {@code pointSize}; ATTENUATED {@code pointSize × spacing × ppu(depth)} with the
 *     batch spacing if &gt; 0, else the settings' spacing; ADAPTIVE {@code pointSize × batch spacing ×
 *     ppu(depth)}; ppu = {@link Camera#pixelsPerUnit}; then clamped to [1, maxPointSize], not rounded;
 * <li>pixel (i, j) is covered iff {@code px - s/2 ≤ i + 0.5 < px + s/2} and likewise for j (y down);
 * <li>depth compared as a float, ties to the earlier point (batches in list order, points in index
 *     order); ids are {@code idBase + k};
 * <li>EDL as Potree's edl.fs: only on pixels with a point; d = log2(depth); 8 neighbours at the
 *     integer offsets {@link JavaPointRenderer#edlOffsets}; neighbours outside the frame or empty add
 *     nothing; shade = exp(-300 × strength × Σ max(0, d − dn) / 8); channel = round(channel × shade).
 * </ul>
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
