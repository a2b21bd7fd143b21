package org.attentionworkbench.compute.depth.metrics;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.attentionworkbench.compute.io.AtomicFiles;

/** metrics.json for a depth evaluation: the metric names as papers print them, plus how it was aligned. */
public final class DepthMetricsJson {
    private DepthMetricsJson() {
    }

    /** The scores as a JSON object with keys AbsRel, SqRel, RMSE, RMSE_log, delta1..3, valid_pixels, alignment, scale, shift. */
    public static JsonObject toJson(DepthScores s) {
        JsonObject o = new JsonObject();
        o.addProperty("AbsRel", s.absRel());
        o.addProperty("SqRel", s.sqRel());
        o.addProperty("RMSE", s.rmse());
        o.addProperty("RMSE_log", s.rmseLog());
        o.addProperty("delta1", s.delta1());
        o.addProperty("delta2", s.delta2());
        o.addProperty("delta3", s.delta3());
        o.addProperty("valid_pixels", s.validPixels());
        o.addProperty("alignment", s.alignment().name());
        o.addProperty("scale", s.scale());
        o.addProperty("shift", s.shift());
        return o;
    }

    /** Writes {@link #toJson} pretty-printed to {@code file}, atomically (a reader never sees half a file). */
    public static void write(Path file, DepthScores s) throws IOException {
        AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(toJson(s)) + "\n");
    }
}
