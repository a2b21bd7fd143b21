package org.attentionworkbench.compute.colorize;

import java.util.List;
import java.util.Map;

/**
 * Turns a grey image plus colour hints into ab planes at the image's full resolution.
 *
 * <p>Implementations may cache per-image work between calls (features, the previous solution) and
 * update only what a hint edit changed; a call with another image drops the cache. The image is
 * recognised by identity, so the caller keeps one {@link LabImage} per open image. One call at a
 * time per instance. A learned model (an iColoriT checkpoint) is one more implementation: it gets
 * the same grey L and hints and returns ab at full resolution.
 */
public interface ColorizationMethod extends AutoCloseable {

    /** The name on the command line ("attention", "levin"). */
    String name();

    /**
     * Colorizes. {@code grey.l()} is used; a and b, if present, are ignored.
     *
     * @throws ColorizationCancelledException when {@code progress.cancelled()} turns true
     */
    Result colorize(LabImage grey, List<Hint> hints, Settings settings, ProgressListener progress);

    /** Releases device buffers and caches. */
    @Override
    default void close() {}

    /**
     * Full-resolution ab planes (W×H, row-major) and what the run did (timings in ms, iterations),
     * for the GUI's status line and the benchmarks.
     */
    record Result(int width, int height, float[] a, float[] b, Map<String, Number> stats) {
        public Result {
            if (a.length != width * height || b.length != width * height) {
                throw new IllegalArgumentException("ab planes do not match " + width + "×" + height);
            }
        }

        /** Recombined with the image's full-resolution L, gamut-clipped to 8-bit sRGB. */
        public org.attentionworkbench.compute.image.RgbImage toRgb(LabImage grey) {
            return grey.toRgb(a, b);
        }
    }
}
