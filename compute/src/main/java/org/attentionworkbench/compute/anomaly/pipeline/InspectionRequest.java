package org.attentionworkbench.compute.anomaly.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.MobileNetFeatures;
import org.attentionworkbench.compute.anomaly.Normalizer;

/**
 * One inspection run, immutable: the backbone checkpoint, the normal prompt images, held-out normal
 * images that calibrate the threshold (may be empty), the images to score (in order) and the options.
 */
public record InspectionRequest(Path backbone, List<Path> prompts, List<Path> calibration,
        List<InspectionTarget> targets, Options options) {

    /**
     * @param inputSize     side of the square model input
     * @param taps          MobileNetV2 blocks whose features are used (empty: the default)
     * @param relu6         MobileNetV2 with ReLU6 as trained (default ReLU, see MobileNetFeatures)
     * @param settings      the scorer's settings
     * @param contamination share of the batch an uncalibrated threshold flags
     * @param aggregate     MobileNetV2 local-aggregation window p (p×p mean, odd; 1 = none)
     */
    public record Options(int inputSize, int[] taps, boolean relu6, AnomalyInspector.Settings settings,
            double contamination, int aggregate) {
        /** 320²: the protocol's winner (BENCHMARKS.md "Anomaly"; 256² and 384² scored lower by the mean). */
        public static final int DEFAULT_INPUT_SIZE = 320;

        /** With the default aggregation window. */
        public Options(int inputSize, int[] taps, boolean relu6, AnomalyInspector.Settings settings,
                double contamination) {
            this(inputSize, taps, relu6, settings, contamination, MobileNetFeatures.DEFAULT_AGGREGATE);
        }

        public Options {
            taps = taps.clone();
            if (aggregate < 1 || aggregate % 2 == 0) {
                throw new IllegalArgumentException("aggregation window " + aggregate + " must be odd and ≥ 1");
            }
            if (inputSize < 8) {
                throw new IllegalArgumentException("input size " + inputSize + " < 8");
            }
            if (!(contamination > 0 && contamination < 1)) {
                throw new IllegalArgumentException("contamination " + contamination + " is not a share in (0, 1)");
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_INPUT_SIZE, new int[0], false, AnomalyInspector.Settings.defaults(),
                    Normalizer.DEFAULT_CONTAMINATION);
        }

        public Options withInputSize(int size) {
            return new Options(size, taps, relu6, settings, contamination, aggregate);
        }

        public Options withSettings(AnomalyInspector.Settings s) {
            return new Options(inputSize, taps, relu6, s, contamination);
        }
    }

    public InspectionRequest {
        prompts = List.copyOf(prompts);
        calibration = List.copyOf(calibration);
        targets = List.copyOf(targets);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("choose at least one normal prompt image");
        }
    }
}
