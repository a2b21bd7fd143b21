package org.attentionworkbench.cluster;

import java.io.Serializable;

/**
 * One target after scoring: the raw image score and the smoothed S×S map (the CLI's
 * {@code ImageResult.map()}), or the reason it could not be scored (then {@code map} is null).
 */
record ScoredImage(Target target, float score, int mapSize, float[] map, String error) implements Serializable {
    boolean ok() {
        return error == null;
    }

    static ScoredImage failed(Target t, String reason) {
        return new ScoredImage(t, Float.NaN, 0, null, reason);
    }
}
