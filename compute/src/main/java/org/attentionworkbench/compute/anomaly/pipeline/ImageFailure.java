package org.attentionworkbench.compute.anomaly.pipeline;

import java.nio.file.Path;

/**
 * An image the run could not score (a corrupt or unreadable file): the batch goes on without it.
 *
 * @param role   whether it was to be scored or to calibrate the threshold
 * @param index  its index in the request's targets (or calibration images)
 * @param name   its name in the outputs
 * @param reason why, in words (the decoder's message)
 */
public record ImageFailure(Role role, int index, String name, Path file, String reason) {
    public enum Role { TARGET, CALIBRATION }
}
