package org.attentionworkbench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.Heatmaps;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Turns a scored image into its output row with the run's normaliser, and writes its heatmap as the
 * CLI's BatchOutputs does (the normalised map at the image's own size over the image, PNG) into
 * {@code OUT/heatmaps/} on any Hadoop filesystem (written locally, then copied).
 */
final class HeatmapWriter {
    static final String HEATMAPS = "heatmaps";

    private final Device device;
    private final Normalizer norm;
    private final Configuration conf;
    private final String out;
    private final boolean heatmaps;

    HeatmapWriter(Device device, Normalizer norm, Configuration conf, String out, boolean heatmaps) {
        this.device = device;
        this.norm = norm;
        this.conf = conf;
        this.out = out;
        this.heatmaps = heatmaps;
    }

    /** The row; {@code image} is the target's pixels when still at hand, else null (read again). */
    InspectionRow finish(ScoredImage s, RgbImage image) {
        String path = s.target().path();
        if (!s.ok()) {
            return new InspectionRow(path, null, null, null, null, s.error());
        }
        String heatmap = null;
        String error = null;
        if (heatmaps) {
            try {
                RgbImage img = image != null ? image : ImageSource.read(path, conf);
                heatmap = HEATMAPS + "/" + s.target().heatmapName();
                write(img, new AnomalyMap(s.mapSize(), s.mapSize(), s.map()), heatmap);
            } catch (IOException | RuntimeException e) {
                heatmap = null;
                error = "heatmap not written: " + PartitionInspector.reason(e);
            }
        }
        return new InspectionRow(path, s.score(), norm.image(s.score()), norm.flagged(s.score()), heatmap, error);
    }

    private void write(RgbImage img, AnomalyMap map, String relative) throws IOException {
        AnomalyMap m = norm.apply(AnomalyMap.resize(device, map, img.height(), img.width()));
        java.nio.file.Path tmp = Files.createTempFile("heatmap", ".png");
        try {
            PngWriter.write(Heatmaps.overlay(img, m), tmp);
            Path dst = new Path(out, relative);
            org.apache.hadoop.fs.FileSystem fs = dst.getFileSystem(conf);
            fs.setWriteChecksum(false); // no .crc beside every PNG on a local disk
            fs.copyFromLocalFile(false, true, new Path(tmp.toUri()), dst);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
