package org.attentionworkbench.cluster;

import java.io.Serializable;
import org.attentionworkbench.compute.anomaly.Normalizer;

/** A {@link Normalizer} on its way to the executors (the record itself is not Serializable). */
record Threshold(double pixelFloor, double imageFloor, double threshold, String source, boolean calibrated)
        implements Serializable {

    static Threshold of(Normalizer n) {
        return new Threshold(n.pixelFloor(), n.imageFloor(), n.threshold(), n.source(), n.calibrated());
    }

    Normalizer normalizer() {
        return new Normalizer(pixelFloor, imageFloor, threshold, source, calibrated);
    }
}
