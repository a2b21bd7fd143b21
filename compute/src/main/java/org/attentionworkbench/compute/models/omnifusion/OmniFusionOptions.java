package org.attentionworkbench.compute.models.omnifusion;

/**
 * The settings a checkpoint does not record. Defaults are OmniFusion's test.py: {@code --fov 80},
 * {@code --iter 2}, and {@code network(rgb, iter=iters)} without {@code confidence=True}, so the
 * depth patches are averaged without the confidence head.
 */
public record OmniFusionOptions(double fovDegrees, int iterations, boolean confidence) {
    public static final OmniFusionOptions DEFAULT = new OmniFusionOptions(80, 2, false);

    public OmniFusionOptions {
        if (!(fovDegrees > 0 && fovDegrees < 180)) {
            throw new IllegalArgumentException("field of view must be in (0°, 180°), got " + fovDegrees + "°");
        }
        if (iterations < 1 || iterations > 8) {
            throw new IllegalArgumentException("iterations must be 1 … 8, got " + iterations);
        }
    }

    public OmniFusionOptions withIterations(int n) {
        return new OmniFusionOptions(fovDegrees, n, confidence);
    }

    public OmniFusionOptions withConfidence(boolean on) {
        return new OmniFusionOptions(fovDegrees, iterations, on);
    }

    public OmniFusionOptions withFov(double degrees) {
        return new OmniFusionOptions(degrees, iterations, confidence);
    }
}
