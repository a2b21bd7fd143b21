package org.attentionworkbench.app.labs;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.app.figures.FigurePng;
import org.attentionworkbench.compute.figure.FigureFiles;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.labs.Lab;

/**
 * What one lab run leaves in a folder, the same from the CLI and from the workspace's Export:
 * {@code figures.json} and CSVs ({@link FigureFiles}), a PNG per plot and heatmap ({@link FigurePng}),
 * and {@code lab.json} with the lab's id, title and every option value used (defaults included).
 */
public final class LabFiles {
    public static final String RUN_FILE = "lab.json";

    private LabFiles() {}

    /** Writes everything into dir (created when missing); returns the files written. */
    public static List<Path> write(Lab lab, Map<String, String> options, FigureSet figures, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>(FigureFiles.write(figures, dir));
        written.addAll(FigurePng.write(figures, dir));
        JsonObject run = new JsonObject();
        run.addProperty("lab", lab.id());
        run.addProperty("title", lab.title());
        JsonObject opts = new JsonObject();
        options.forEach(opts::addProperty);
        run.add("options", opts);
        Path f = dir.resolve(RUN_FILE);
        AtomicFiles.writeString(f, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(run));
        written.add(f);
        return written;
    }
}
