package org.attentionworkbench.compute.anomaly.pipeline;

import java.nio.file.Path;

/**
 * An image the run could not score (a corrupt or unreadable file): the batch goes on without it. Or a
 * target's ground-truth mask that could not be read: the image is scored and counts for the image
 * metrics, but is left out of the pixel metrics.
 *
 * @param role   whether it was to be scored, to calibrate the threshold, or is a target's mask
 * @param index  its index in the request's targets (or calibration images)
 * @param name   its name in the outputs (for a mask: its image's)
 * @param file   the file that could not be read
 * @param reason why, in words (the decoder's message)
 */
public record ImageFailure(Role role, int index, String name, Path file, String reason) {
    public enum Role { TARGET, CALIBRATION, MASK }
}
