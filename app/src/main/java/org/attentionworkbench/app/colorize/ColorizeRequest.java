package org.attentionworkbench.app.colorize;

import java.util.List;
import org.attentionworkbench.compute.colorize.Hint;

/**
 * One colorization to run off the FX thread: an immutable snapshot of everything it needs.
 *
 * @param generation increases with every hint or method change; a result of an older one is stale
 * @param hints full-resolution hints, a snapshot
 * @param fullResolution false: on the image's preview grid (large images only)
 */
public record ColorizeRequest(long generation, PreparedImage image, List<Hint> hints, String method,
        boolean fullResolution) {
    public ColorizeRequest {
        hints = List.copyOf(hints);
    }
}
