package org.attentionworkbench.cluster;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.TaskCompletionListener;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.image.ImageFiles;

/**
 * Batch anomaly inspection as a Spark job: the {@code workbench anomaly} flow (compute's
 * {@code AnomalyInspector}, {@code Normalizer}, heatmaps) spread over partitions. Run with
 * {@code spark-submit --class org.attentionworkbench.cluster.InspectionJob} (see README.md), or through
 * {@link #main} with {@code --master local[N]}.
 *
 * <p>The flow: the prompt images' bytes are read on the driver and broadcast; every partition opens the
 * backbone (shipped with {@code SparkContext.addFile}) and the inspector once and scores its images. The
 * threshold is the CLI's: with {@code --calibrate} normal images it is fitted on the driver first, and the
 * job is one pass (score, normalise, write the heatmap); without, it is the uncalibrated fallback (the top
 * {@code --contamination} share of the batch), which needs every score first, so the scored maps are kept
 * (memory, then disk) and a second pass normalises and writes the heatmaps. Outputs in OUT:
 * {@code scores.parquet/}, {@code scores.csv/} (one part file, with a header), {@code heatmaps/} and
 * {@code summary.json}. An image that cannot be read or scored gets a row with its error; the job goes on.
 */
public final class InspectionJob {

    /**
     * One job.
     *
     * @param backbone    the checkpoint (a local path or any URI {@code SparkContext.addFile} takes)
     * @param prompts     normal prompt images (Hadoop paths)
     * @param inputs      image folders (recursive) or single images
     * @param inputLists  text files listing one image path or URI a line (blank and # lines skipped)
     * @param calibrate   held-out normal images (folders or files) for the threshold; may be empty
     * @param out         output folder, which must be absent or empty
     * @param partitions  partitions to score in (≤ 0: Spark's default parallelism); each opens the backbone
     */
    public record Request(String backbone, List<String> prompts, List<String> inputs, List<String> inputLists,
            List<String> calibrate, String out, JobSettings settings, int partitions) {
        public Request {
            prompts = List.copyOf(prompts);
            inputs = List.copyOf(inputs);
            inputLists = List.copyOf(inputLists);
            calibrate = List.copyOf(calibrate);
            if (prompts.isEmpty()) {
                throw new IllegalArgumentException("at least one normal prompt image (--prompt)");
            }
            if (inputs.isEmpty() && inputLists.isEmpty()) {
                throw new IllegalArgumentException("no input: give --input DIR|IMG or --input-list FILE");
            }
        }
    }

    /** What the job did; {@code normalizer} is null when no image could be scored. */
    public record Result(long images, long scored, long failed, long flagged, Normalizer normalizer, double seconds) {}

    private InspectionJob() {}

    public static void main(String[] args) {
        JobArguments a;
        try {
            a = JobArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("inspection: " + e.getMessage());
            System.err.println(JobArguments.USAGE);
            System.exit(2);
            return;
        }
        if (a == null) {
            System.out.println(JobArguments.USAGE);
            return;
        }
        SparkSession.Builder b = SparkSession.builder().appName("workbench-inspection");
        if (a.master() != null) {
            b.master(a.master());
        }
        int code;
        try (SparkSession spark = b.getOrCreate()) {
            Result r = run(spark, a.request());
            System.out.printf(Locale.ROOT, "%d images, %d scored, %d failed, %d flagged; threshold %.4f (%s); "
                    + "%.1f s, %.2f images/s; wrote %s%n", r.images(), r.scored(), r.failed(), r.flagged(),
                    r.normalizer() == null ? Double.NaN : r.normalizer().threshold(),
                    r.normalizer() == null ? "-" : r.normalizer().source(), r.seconds(), r.images() / r.seconds(),
                    a.request().out());
            code = r.scored() == 0 ? 1 : r.failed() > 0 ? 3 : 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("inspection: " + e.getMessage());
            code = 1;
        } catch (Exception e) { // a failed Spark job (SparkException: a backbone an executor cannot open, ...)
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("inspection: the job failed: " + root);
            code = 1;
        }
        System.exit(code);
    }

    /** Runs the job on a session (local or a cluster's); the outputs are in {@code req.out()}. */
    public static Result run(SparkSession spark, Request req) throws IOException {
        long t0 = System.nanoTime();
        PartitionInspector.requireVectorApi(); // on the driver too: a clear message before any task fails
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = sc.hadoopConfiguration();
        JobSettings settings = req.settings();
        requireEmpty(req.out(), conf); // before anything is scored

        // the backbone travels to every executor's working folder; prompts as bytes in a broadcast
        if (!new Path(req.backbone()).getFileSystem(conf).exists(new Path(req.backbone()))) {
            throw new NoSuchFileException(req.backbone(), null, "backbone checkpoint not found");
        }
        sc.addFile(req.backbone());
        String backboneName = new Path(req.backbone()).getName();
        List<Prompt> prompts = new ArrayList<>();
        for (String p : req.prompts()) {
            byte[] bytes = ImageSource.readBytes(p, conf);
            // a prompt must be an image: said here once, not by every task
            ImageFiles.decode(new ByteArrayInputStream(bytes), p, ImageFiles.Workload.MODEL_INPUT,
                    ImageFiles.Progress.NONE);
            prompts.add(new Prompt(p, bytes));
        }
        Broadcast<List<Prompt>> promptCast = sc.broadcast(prompts);
        Broadcast<HadoopConf> confCast = sc.broadcast(new HadoopConf(conf));

        // 1. the threshold from held-out normal images, on the driver, as InspectionPipeline fits it
        List<String> calibration = new ArrayList<>();
        for (String c : req.calibrate()) {
            calibration.addAll(ImageSource.listFolder(c, conf).files());
        }
        Normalizer calibrated = calibration.isEmpty() ? null
                : calibrate(calibration, req, prompts, conf, SparkFiles.get(backboneName));
        int parts = req.partitions() > 0 ? req.partitions() : sc.defaultParallelism();
        // as in the CLI, prompt and calibration images are never scored as targets
        Set<String> normals = new HashSet<>(calibration);
        for (String p : req.prompts()) {
            normals.add(ImageSource.qualified(p, conf));
        }
        Broadcast<Set<String>> normalCast = sc.broadcast(normals);
        JavaRDD<Target> targets = targets(spark, sc, req, conf, parts)
                .filter(t -> !normalCast.value().contains(ImageSource.qualified(t.path(), confCast.value().get())));

        // 2. score (and with a threshold already known, write) every image, partition by partition
        JavaRDD<InspectionRow> rows;
        Normalizer norm;
        JavaRDD<ScoredImage> scored = null;
        if (calibrated != null) {
            norm = calibrated;
            rows = targets.mapPartitions(new ScoreAndWrite(backboneName, promptCast, confCast, settings,
                    Threshold.of(norm), req.out()));
        } else {
            scored = targets.mapPartitions(new Score(backboneName, promptCast, confCast, settings))
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            norm = uncalibrated(scored, settings);
            rows = norm == null ? scored.map(s -> new InspectionRow(s.target().path(), null, null, null, null,
                    s.error())) : scored.mapPartitions(new Write(Threshold.of(norm), confCast, settings, req.out()));
        }
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK()); // each image is scored once, whatever reads the rows
        long images = rows.count();

        // 3. scores.parquet, then scores.csv from it, sorted by path; summary.json
        Dataset<Row> df = spark.createDataFrame(rows.map(InspectionRow::toRow), InspectionRow.SCHEMA);
        String parquet = new Path(req.out(), "scores.parquet").toString();
        df.sort("path").write().parquet(parquet);
        Dataset<Row> back = spark.read().parquet(parquet).sort("path");
        back.coalesce(1).write().option("header", true).csv(new Path(req.out(), "scores.csv").toString());
        long failed = back.filter("score IS NULL").count();
        long flagged = back.filter("flagged").count();
        rows.unpersist();
        if (scored != null) {
            scored.unpersist();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Result r = new Result(images, images - failed, failed, flagged, norm, secs);
        writeSummary(req, r, conf);
        return r;
    }

    /** Folders listed on the driver, lists read by Spark (they may be large and remote). */
    private static JavaRDD<Target> targets(SparkSession spark, JavaSparkContext sc, Request req, Configuration conf,
            int parts) throws IOException {
        List<Target> listed = new ArrayList<>();
        for (String in : req.inputs()) {
            ImageSource.Listing l = ImageSource.listFolder(in, conf);
            if (l.files().isEmpty()) {
                throw new IOException("--input " + in + ": no images there (png, jpg, jpeg, bmp, tif, tiff, gif)");
            }
            l.files().forEach(f -> listed.add(new Target(f, ImageSource.heatmapName(l.root(), f))));
        }
        JavaRDD<Target> rdd = sc.parallelize(listed, parts);
        if (!req.inputLists().isEmpty()) {
            JavaRDD<Target> fromLists = spark.read().textFile(req.inputLists().toArray(String[]::new)).javaRDD()
                    .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#"))
                    .map(s -> new Target(s, ImageSource.heatmapName(null, s)));
            rdd = rdd.union(fromLists).repartition(parts);
        }
        return rdd;
    }

    private static Normalizer calibrate(List<String> files, Request req, List<Prompt> prompts, Configuration conf,
            String backbone) throws IOException {
        List<AnomalyInspector.Scored> normals = new ArrayList<>();
        try (PartitionInspector pi = PartitionInspector.open(java.nio.file.Path.of(backbone), prompts,
                req.settings(), conf)) {
            for (String f : files) {
                try {
                    normals.add(pi.scoreImage(ImageSource.read(f, conf)));
                } catch (IOException | RuntimeException e) {
                    System.err.println("calibration image skipped: " + PartitionInspector.reason(e));
                }
            }
        }
        if (normals.isEmpty()) {
            throw new IOException("no --calibrate image could be scored (" + files.size() + " found in "
                    + req.calibrate() + ")");
        }
        return AnomalyInspector.fit(normals, Normalizer.DEFAULT_QUANTILE, String.format(Locale.ROOT,
                "quantile %.2f of %d held-out normal images' scores", Normalizer.DEFAULT_QUANTILE, normals.size()));
    }

    /**
     * The CLI's uncalibrated fallback ({@link Normalizer#uncalibrated}) from every scored image: all scores,
     * and of each map the pixels {@code Normalizer.fit} would sample (every step-th, step from the pixel
     * total), so the driver collects about a million floats however large the batch, and the floors and
     * threshold are the CLI's.
     */
    private static Normalizer uncalibrated(JavaRDD<ScoredImage> scored, JobSettings settings) {
        JavaRDD<ScoredImage> ok = scored.filter(ScoredImage::ok);
        long n = ok.count();
        if (n == 0) {
            return null;
        }
        long pixels = (long) settings.inputSize() * settings.inputSize();
        int step = (int) Math.max(1, n * pixels / 1_000_000);
        List<float[]> samples = ok.map(s -> sample(s, step)).collect();
        float[] scores = new float[samples.size()];
        List<AnomalyMap> maps = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            float[] s = samples.get(i);
            scores[i] = s[0];
            maps.add(new AnomalyMap(1, s.length - 1, java.util.Arrays.copyOfRange(s, 1, s.length)));
        }
        return Normalizer.uncalibrated(maps, scores, settings.contamination());
    }

    /** The score, then every step-th pixel of the map. */
    private static float[] sample(ScoredImage s, int step) {
        float[] m = s.map();
        float[] out = new float[1 + (m.length + step - 1) / step];
        out[0] = s.score();
        for (int i = 0, j = 1; i < m.length; i += step) {
            out[j++] = m[i];
        }
        return out;
    }

    private static void requireEmpty(String out, Configuration conf) throws IOException {
        Path p = new Path(out);
        FileSystem fs = p.getFileSystem(conf);
        try {
            FileStatus st = fs.getFileStatus(p);
            if (!st.isDirectory() || fs.listStatus(p).length > 0) {
                throw new IOException("--out " + out + " exists and is not an empty folder; nothing was scored");
            }
        } catch (FileNotFoundException e) {
            fs.mkdirs(p);
        }
    }

    private static void writeSummary(Request req, Result r, Configuration conf) throws IOException {
        JsonObject j = new JsonObject();
        j.addProperty("images", r.images());
        j.addProperty("scored", r.scored());
        j.addProperty("failed", r.failed());
        j.addProperty("flagged", r.flagged());
        if (r.normalizer() != null) {
            j.addProperty("threshold", r.normalizer().threshold());
            j.addProperty("threshold_calibrated", r.normalizer().calibrated());
            j.addProperty("threshold_source", r.normalizer().source());
        }
        j.addProperty("backbone", req.backbone());
        j.add("prompts", new GsonBuilder().create().toJsonTree(req.prompts()));
        j.add("settings", new GsonBuilder().create().toJsonTree(req.settings()));
        j.addProperty("seconds", r.seconds());
        Path p = new Path(req.out(), "summary.json");
        FileSystem fs = p.getFileSystem(conf);
        fs.setWriteChecksum(false);
        try (OutputStream o = fs.create(p, true)) {
            o.write(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(j)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Resources of one partition, closed when the task ends (also when it fails). */
    private static <T extends AutoCloseable> T closeWithTask(T resource) {
        TaskContext tc = TaskContext.get();
        if (tc != null) {
            tc.addTaskCompletionListener((TaskCompletionListener) ctx -> {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return resource;
    }

    /** Pass 1 of an uncalibrated job: scores (with maps) for the threshold. */
    private record Score(String backbone, Broadcast<List<Prompt>> prompts, Broadcast<HadoopConf> conf,
            JobSettings settings) implements FlatMapFunction<Iterator<Target>, ScoredImage> {
        @Override
        public Iterator<ScoredImage> call(Iterator<Target> in) throws IOException {
            if (!in.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            PartitionInspector pi = closeWithTask(PartitionInspector.open(java.nio.file.Path.of(SparkFiles.get(
                    backbone)), prompts.value(), settings, conf.value().get()));
            return map(in, t -> pi.score(t).scored());
        }
    }

    /** Pass 2 of an uncalibrated job: rows and heatmaps (each image read again for its heatmap). */
    private record Write(Threshold threshold, Broadcast<HadoopConf> conf, JobSettings settings, String out)
            implements FlatMapFunction<Iterator<ScoredImage>, InspectionRow> {
        @Override
        public Iterator<InspectionRow> call(Iterator<ScoredImage> in) {
            JavaDevice device = closeWithTask(new JavaDevice());
            HeatmapWriter w = new HeatmapWriter(device, threshold.normalizer(), conf.value().get(), out,
                    settings.heatmaps());
            return map(in, s -> w.finish(s, null));
        }
    }

    /** The one pass of a calibrated job: score, normalise, heatmap. */
    private record ScoreAndWrite(String backbone, Broadcast<List<Prompt>> prompts, Broadcast<HadoopConf> conf,
            JobSettings settings, Threshold threshold, String out)
            implements FlatMapFunction<Iterator<Target>, InspectionRow> {
        @Override
        public Iterator<InspectionRow> call(Iterator<Target> in) throws IOException {
            if (!in.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            Configuration c = conf.value().get();
            PartitionInspector pi = closeWithTask(PartitionInspector.open(java.nio.file.Path.of(SparkFiles.get(
                    backbone)), prompts.value(), settings, c));
            HeatmapWriter w = new HeatmapWriter(pi.device(), threshold.normalizer(), c, out, settings.heatmaps());
            return map(in, t -> {
                PartitionInspector.Result r = pi.score(t);
                return w.finish(r.scored(), r.image());
            });
        }
    }

    /** A lazy map, so a partition's maps and images are never all in memory at once. */
    private static <A, B> Iterator<B> map(Iterator<A> in, java.util.function.Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public B next() {
                return f.apply(in.next());
            }
        };
    }
}
