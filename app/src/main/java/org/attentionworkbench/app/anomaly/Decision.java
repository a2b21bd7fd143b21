package org.attentionworkbench.app.anomaly;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision about one image, as written to disk.
 *
 * @param file        the image, relative to the inspected folder ('/' separated)
 * @param defectClass the class chosen with 1–9 (null for a plain accept/reject)
 * @param score       the image score when the decision was made (NaN when not scored yet)
 * @param threshold   the threshold then in force
 */
public record Decision(String file, Verdict verdict, String defectClass, double score, double threshold, Instant time) {
    public Decision {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(time, "time");
    }

    /** Short text for the queue and the header: "reject: scratch". */
    public String label() {
        return defectClass == null ? verdict.word() : verdict.word() + ": " + defectClass;
    }
}
