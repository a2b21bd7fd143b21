package org.attentionworkbench.app.pointcloud;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.WriteOptions;

/** The Point clouds page's work off the FX thread: reading, writing and exporting. No UI. */
public final class PointCloudService {
    private PointCloudService() {
    }

    /** Reads a cloud with progress and Cancel (a cancelled read throws InterruptedIOException). */
    public static LoadedCloud load(Path file, Work.Progress progress) throws IOException {
        PointCloudFormat format = PointClouds.detect(file);
        progress.message("Reading " + file.getFileName() + " (" + format.name() + ")");
        PointCloud cloud = format.read(file, new ReadControl(f -> progress.update(f, 1), progress::isCancelled));
        return new LoadedCloud(file, format.name(), cloud);
    }

    /** Writes in the format of {@code file}'s extension. */
    public static void save(PointCloud cloud, Path file, boolean ascii) throws IOException {
        PointClouds.write(cloud, file, new WriteOptions(ascii));
    }

    /** The picked points as CSV: index, x, y, z, then every value any of them carries. */
    public static void exportCsv(List<PickedPoint> picked, Path file) throws IOException {
        Set<String> columns = new LinkedHashSet<>();
        for (PickedPoint p : picked) {
            columns.addAll(p.values().keySet());
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(List.of("index", "x", "y", "z"));
            header.addAll(columns);
            w.write(String.join(",", header));
            w.newLine();
            for (PickedPoint p : picked) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(p.index()), PickedPoint.number(p.x()),
                        PickedPoint.number(p.y()), PickedPoint.number(p.z())));
                for (String c : columns) {
                    String v = p.values().getOrDefault(c, "");
                    row.add(v.contains(",") || v.contains(" ") ? "\"" + v + "\"" : v);
                }
                w.write(String.join(",", row));
                w.newLine();
            }
        }
    }

    /** Extensions the open dialog offers, as "*.ply" patterns, from every registered format. */
    public static List<String> openPatterns() {
        Set<String> ext = new LinkedHashSet<>(List.of("ply", "pcd", "las", "laz", "xyz", "txt", "csv", "pts", "js"));
        for (PointCloudFormat f : PointClouds.formats()) {
            ext.addAll(f.extensions());
        }
        return ext.stream().map(e -> "*." + e.toLowerCase(Locale.ROOT)).toList();
    }

    /** Extensions the Save as dialog offers (the writable formats). */
    public static List<String> savePatterns() {
        List<String> list = new ArrayList<>();
        for (PointCloudFormat f : PointClouds.formats()) {
            if (f.canWrite()) {
                list.add("*." + f.extensions().get(0));
            }
        }
        return list.isEmpty() ? List.of("*.ply", "*.pcd", "*.las", "*.xyz") : list;
    }
}
