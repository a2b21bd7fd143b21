package org.attentionworkbench.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.app.pointcloud.CloudColours;
import org.attentionworkbench.app.pointcloud.ColorBy;
import org.attentionworkbench.app.pointcloud.ColorRange;
import org.attentionworkbench.app.pointcloud.DrawList;
import org.attentionworkbench.app.pointcloud.ViewPreset;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.WriteOptions;
import org.attentionworkbench.compute.pointcloud.edit.Subsample;
import org.attentionworkbench.compute.pointcloud.lod.Octree;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.JavaPointRenderer;
import org.attentionworkbench.viewers.points.render.PointRenderer;
import org.attentionworkbench.viewers.points.render.PointRenderers;
import org.attentionworkbench.viewers.points.render.RenderSettings;
import org.attentionworkbench.viewers.points.render.SizeMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench pointcloud info|convert|render}: facts about a point cloud as JSON, conversion
 * between the formats (by the output's extension), and a headless picture through the same
 * renderers and colouring as the Point clouds page.
 */
@Command(name = "pointcloud", description = {"Point clouds: facts as JSON, conversion, headless pictures.",
        "Reads PLY, PCD, LAS/LAZ, XYZ/TXT/CSV and Potree folders (cloud.js); the format is found by content."},
        subcommands = {PointCloudCommand.Info.class, PointCloudCommand.Convert.class, PointCloudCommand.Render.class})
public final class PointCloudCommand {
    /** Files at least this big report read progress on stderr. */
    static final long PROGRESS_BYTES = 32L << 20;

    /** Reads {@code file}, printing progress every 10 % to {@code err} when it is big. */
    static PointCloud read(Path file, PrintStream err) throws IOException {
        long bytes = Files.isRegularFile(file) ? Files.size(file) : 0;
        if (bytes < PROGRESS_BYTES) {
            return PointClouds.read(file);
        }
        int[] lastTenth = {-1};
        ReadControl control = new ReadControl(f -> {
            int tenth = (int) (f * 10);
            if (tenth > lastTenth[0]) {
                lastTenth[0] = tenth;
                err.printf(Locale.ROOT, "reading %s: %d %%%n", file.getFileName(), tenth * 10);
            }
        }, () -> Thread.currentThread().isInterrupted());
        return PointClouds.read(file, control);
    }

    @Command(name = "info", description = {"Facts about a point cloud, as JSON.",
            "format, points, bounds {min, max} in world coordinates, fields; origin, has_rgb, bytes_per_point, "
            + "and width/height for organised clouds."})
    static final class Info extends CliCommand {
        @Parameters(paramLabel = "FILE", description = "A point cloud file, or a Potree folder / cloud.js.")
        private Path file;

        @Override
        protected int run(CliContext context) throws Exception {
            PointCloudFormat format = PointClouds.detect(file);
            PointCloud cloud = read(file, context.err());
            context.out().println(new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
                    .serializeSpecialFloatingPointValues().create().toJson(facts(format.name(), cloud)));
            return 0;
        }

        static JsonObject facts(String format, PointCloud cloud) {
            JsonObject o = new JsonObject();
            o.addProperty("format", format);
            o.addProperty("points", cloud.size());
            Bounds b = cloud.bounds();
            JsonObject bounds = new JsonObject();
            bounds.add("min", array(b.isEmpty() ? null : b.min()));
            bounds.add("max", array(b.isEmpty() ? null : b.max()));
            o.add("bounds", bounds);
            JsonArray fields = new JsonArray();
            cloud.fieldNames().forEach(fields::add);
            o.add("fields", fields);
            o.add("origin", array(cloud.origin()));
            o.addProperty("has_rgb", cloud.hasRgb());
            o.addProperty("bytes_per_point", Math.round(cloud.bytesPerPoint() * 100) / 100.0);
            if (cloud.provenance() != null) {
                o.addProperty("width", cloud.provenance().width());
                o.addProperty("height", cloud.provenance().height());
            }
            return o;
        }

        private static JsonArray array(double[] v) {
            if (v == null) {
                return null;
            }
            JsonArray a = new JsonArray();
            for (double d : v) {
                a.add(d);
            }
            return a;
        }
    }

    @Command(name = "convert", description = {"Convert a point cloud to another format.",
            "The output's extension picks the format: .ply, .pcd, .las, .xyz (PLY binary unless --ascii)."})
    static final class Convert extends CliCommand {
        @Parameters(index = "0", paramLabel = "IN", description = "The point cloud to read.")
        private Path in;

        @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
        private Path out;

        @Option(names = "--ascii", description = "Write PLY as text.")
        private boolean ascii;

        @Option(names = "--random", paramLabel = "N", description = "Keep N points picked at random.")
        private Integer random;

        @Option(names = "--voxel", paramLabel = "SIZE", description = "One point per voxel of this side (the "
                + "centroid, with mean colour and fields), as Open3D's voxel_down_sample.")
        private Double voxel;

        @Override
        protected int run(CliContext context) throws Exception {
            if (random != null && random < 1) {
                throw new UsageException("--random must be at least 1, not " + random);
            }
            if (voxel != null && !(voxel > 0 && Double.isFinite(voxel))) {
                throw new UsageException("--voxel must be a positive size, not " + voxel);
            }
            PointClouds.writerFor(out); // an unwritable extension fails before the read
            PointCloud cloud = read(in, context.err());
            int before = cloud.size();
            if (voxel != null) {
                cloud = Subsample.voxel(cloud, voxel);
            }
            if (random != null && random < cloud.size()) {
                cloud = cloud.select(Subsample.random(cloud, random, 42));
            }
            PointClouds.write(cloud, out, new WriteOptions(ascii));
            context.err().printf(Locale.ROOT, "%s: %,d points%s; wrote %s (%s)%n", in.getFileName(), before,
                    cloud.size() == before ? "" : String.format(Locale.ROOT, ", %,d kept", cloud.size()), out,
                    PointClouds.writerFor(out).name());
            return 0;
        }
    }

    @Command(name = "render", description = {"Draw a point cloud into a PNG, without a display.",
            "The same renderers, colours and preset views as the Point clouds page."})
    static final class Render extends CliCommand {
        @Parameters(paramLabel = "FILE", description = "The point cloud.")
        private Path file;

        @Option(names = "--out", required = true, paramLabel = "IMG.png", description = "The picture.")
        private Path out;

        @Option(names = "--width", paramLabel = "W", defaultValue = "1280", description = "Width in pixels.")
        private int width;

        @Option(names = "--height", paramLabel = "H", defaultValue = "720", description = "Height in pixels.")
        private int height;

        @Option(names = "--view", paramLabel = "iso|top|front|side|camera", showDefaultValue =
                picocli.CommandLine.Help.Visibility.NEVER, description = "Where the camera looks from (z up; clouds "
                + "made from images: y down, and 'camera' is the sensor's view). Default: camera for those, else iso.")
        private String view;

        @Option(names = "--color", paramLabel = "rgb|height|normals|FIELD", showDefaultValue =
                picocli.CommandLine.Help.Visibility.NEVER, description = "What colours the points "
                + "(default: rgb when the cloud has colour, else height).")
        private String color;

        @Option(names = "--colormap", paramLabel = "NAME", defaultValue = "viridis",
                description = "Ramp for height and fields: viridis, inferno, turbo, grey.")
        private String colormap;

        @Option(names = "--renderer", paramLabel = "auto|gl|java", defaultValue = "auto",
                description = "OpenGL (offscreen) or the Java renderer; auto takes GL when a context can be made.")
        private String renderer;

        @Option(names = "--point-size", paramLabel = "PX", defaultValue = "2", description = "Point size in pixels.")
        private float pointSize;

        @Option(names = "--edl", description = "Eye-Dome Lighting (shades depth edges).")
        private boolean edl;

        @Option(names = "--budget", paramLabel = "N", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
                description = "Most points drawn; a bigger cloud is drawn through its level-of-detail octree "
                + "(default: " + DrawList.GL_BUDGET + " on GL, " + DrawList.JAVA_BUDGET + " on Java).")
        private Integer budget;

        @Override
        protected int run(CliContext context) throws Exception {
            if (width < 1 || height < 1 || width > 16384 || height > 16384) {
                throw new UsageException("--width and --height must be 1..16384, not " + width + "x" + height);
            }
            if (budget != null && budget < 1) {
                throw new UsageException("--budget must be at least 1, not " + budget);
            }
            if (!(pointSize > 0) || pointSize > 64) {
                throw new UsageException("--point-size must be in (0, 64], not " + pointSize);
            }
            Colormap map;
            try {
                if (view != null && !view.equalsIgnoreCase(ViewPreset.CAMERA)) {
                    ViewPreset.parse(view);
                }
                map = Colormap.valueOf(colormap.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage().startsWith("unknown view") ? e.getMessage()
                        : "unknown colormap '" + colormap + "' (known: viridis, inferno, turbo, grey)");
            }
            if (!List.of("auto", "gl", "java").contains(renderer.toLowerCase(Locale.ROOT))) {
                throw new UsageException("--renderer must be auto, gl or java, not '" + renderer + "'");
            }
            PointCloud cloud = read(file, context.err());
            ColorBy by = color == null ? ColorBy.initial(cloud) : ColorBy.parse(color, cloud);
            if (by == null) {
                throw new UsageException(file.getFileName() + " has no '" + color + "' to colour by (it has: "
                        + String.join(", ", cloud.fieldNames()) + "; or height)");
            }
            int[] colours = CloudColours.argb(cloud, by, map, ColorRange.DEFAULT, null);
            Camera camera = new Camera();
            if (view == null) {
                ViewPreset.initial(camera, cloud, width, height);
            } else {
                ViewPreset.apply(camera, view, cloud, width, height);
            }
            RenderSettings settings = RenderSettings.of(width, height).withPointSize(pointSize, SizeMode.FIXED)
                    .withEdl(edl, 1f, 1.4f);
            PointRenderers.Selection sel = PointRenderers.open(renderer.toLowerCase(Locale.ROOT), JavaPointRenderer::new);
            try (PointRenderer r = sel.renderer()) {
                int most = budget != null ? budget : r.name().equals("gl") ? DrawList.GL_BUDGET : DrawList.JAVA_BUDGET;
                DrawList draw;
                if (cloud.size() <= most) {
                    draw = DrawList.all(cloud, colours);
                } else {
                    context.err().printf(Locale.ROOT, "%s: %,d points, over the budget of %,d: building the "
                            + "level-of-detail octree%n", file.getFileName(), cloud.size(), most);
                    Octree octree = Octree.build(cloud, Octree.BuildOptions.DEFAULT, ReadControl.NONE);
                    draw = DrawList.lod(cloud, octree, DrawList.octreeXyz(cloud, octree), colours, most);
                }
                long t0 = System.nanoTime();
                Frame frame = r.render(draw.batchesFor(camera, width, height), camera, settings);
                double ms = (System.nanoTime() - t0) / 1e6;
                PngWriter.write(DrawList.image(frame), out);
                context.err().printf(Locale.ROOT, "%s: %,d points, %s view, coloured by %s; %s (%.0f ms)%s; wrote %s%n",
                        file.getFileName(), cloud.size(), view == null ? "initial" : view.toLowerCase(Locale.ROOT), by, sel.note(), ms,
                        draw.note().isEmpty() ? "" : "; " + draw.note(), out);
            }
            return 0;
        }
    }
}
