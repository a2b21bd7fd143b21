package org.attentionworkbench.cluster;

import java.io.Serializable;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.PromptAugmentation;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;

/**
 * The scoring options of a job, as the {@code workbench anomaly} command takes them, in a form Spark can
 * ship to the executors (compute's records are not {@link Serializable}). {@link #options()} gives the
 * very {@link InspectionRequest.Options} the CLI would build from the same flags.
 *
 * @param augmentation the prompts' mirrored / rotated copies (--augment)
 * @param heatmaps whether heatmaps/ is written
 */
public record JobSettings(int inputSize, int[] taps, boolean relu6, AnomalyInspector.Method method, float temperature,
        double coreset, int neighbours, int topK, double contamination, int aggregate, PromptAugmentation augmentation,
        boolean heatmaps) implements Serializable {
    private static final long serialVersionUID = 1L;

    public JobSettings {
        taps = taps.clone();
        options(inputSize, taps, relu6, method, temperature, coreset, neighbours, topK, contamination, aggregate,
                augmentation); // validates
        if (neighbours < 1 || topK < 1) {
            throw new IllegalArgumentException("--k and --topk need ≥ 1");
        }
    }

    /** The CLI's defaults. */
    public static JobSettings defaults() {
        InspectionRequest.Options o = InspectionRequest.Options.defaults();
        AnomalyInspector.Settings s = o.settings();
        return new JobSettings(o.inputSize(), o.taps(), o.relu6(), s.method(), s.temperature(), s.coreset(),
                s.neighbours(), s.topK(), o.contamination(), o.aggregate(), s.augmentation(), true);
    }

    public InspectionRequest.Options options() {
        return options(inputSize, taps, relu6, method, temperature, coreset, neighbours, topK, contamination, aggregate,
                augmentation);
    }

    private static InspectionRequest.Options options(int inputSize, int[] taps, boolean relu6,
            AnomalyInspector.Method method, float temperature, double coreset, int neighbours, int topK,
            double contamination, int aggregate, PromptAugmentation augmentation) {
        AnomalyInspector.Settings s = AnomalyInspector.Settings.defaults().withMethod(method)
                .withTemperature(temperature).withCoreset(coreset).withNeighbours(neighbours).withTopK(topK)
                .withAugmentation(augmentation);
        return new InspectionRequest.Options(inputSize, taps, relu6, s, contamination, aggregate);
    }

    public JobSettings withInputSize(int size) {
        return new JobSettings(size, taps, relu6, method, temperature, coreset, neighbours, topK, contamination,
                aggregate, augmentation, heatmaps);
    }

    public JobSettings withMethod(AnomalyInspector.Method m, int k) {
        return new JobSettings(inputSize, taps, relu6, m, temperature, coreset, k, topK, contamination, aggregate,
                augmentation, heatmaps);
    }

    public JobSettings withHeatmaps(boolean on) {
        return new JobSettings(inputSize, taps, relu6, method, temperature, coreset, neighbours, topK, contamination,
                aggregate, augmentation, on);
    }
}
