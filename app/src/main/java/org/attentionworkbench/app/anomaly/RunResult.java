package org.attentionworkbench.app.anomaly;

import org.attentionworkbench.compute.anomaly.Normalizer;

/** What a finished run hands the FX thread beyond the streamed per-image results. */
public record RunResult(Normalizer normalizer, RunMetrics metrics, double msPerImage, String description) {}
