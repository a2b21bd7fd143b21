package org.attentionworkbench.viewers.points.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The multithreaded pure-Java point renderer: works everywhere, headless too (the CLI), and gives the
 * same picture for any thread count, bit for bit.
 *
 * <p>The conventions (the GL renderer follows the same; {@code notes/render-conventions.md} has them too):
 * <ol>
 * <li><b>Projection.</b> World coordinates are the batch's xyz as given. A point's pixel position
 *     (px, py) and view depth are exactly {@link Camera#project}'s (this class repeats its double
 *     arithmetic). It is drawn only if its depth lies in [near, far] and its centre in the frame
 *     ({@code 0 ≤ px ≤ width}, {@code 0 ≤ py ≤ height}): OpenGL clips a point by its vertex, so a big point
 *     whose centre is outside is not drawn at all. A point with a NaN or infinite coordinate is skipped.
 * <li><b>Size</b> s in pixels: FIXED {@code pointSize}; ATTENUATED {@code pointSize × spacing × ppu(depth)}
 *     with spacing = the batch's if &gt; 0, else {@link RenderSettings#spacing()}; ADAPTIVE
 *     {@code pointSize × batch spacing × ppu(depth)}; ppu = {@link Camera#pixelsPerUnit}. Then clamped to
 *     [1, maxPointSize] and <em>not</em> rounded: GL 3.3 core draws points as sprites of the size given
 *     (the old round-to-integer rule was for non-sprite points only).
 * <li><b>Coverage.</b> Pixel (i, j) is covered iff its centre lies in the half-open square of side s
 *     centred on the point: {@code px − s/2 ≤ i + 0.5 < px + s/2}, and the same for j with py (y down).
 *     So size 1 covers pixel (⌊px⌋, ⌊py⌋), size 2 a 2×2 block, size 3 a 3×3 block. A pixel centre exactly
 *     on an edge is a tie that GL's fill rule may decide the other way; comparisons avoid those.
 * <li><b>Depth.</b> The view depth as a float; the test is "less", and at equal depth the point drawn
 *     first wins (batches in list order, points in index order). The frame's id is
 *     {@code idBase + k}, its depth the winner's depth (+∞ and -1 for background), its colour the batch
 *     colour with alpha set to 0xFF.
 * <li><b>Eye-Dome Lighting</b>, as Potree's {@code edl.fs} (potree/potree 1f37cd3): only pixels holding a
 *     point are shaded (Potree discards the others, so its "+100 for an empty centre" never shows and is
 *     left out). With d = log2(depth) at the pixel and dn at each of 8 neighbours at the integer offsets
 *     {@link #edlOffsets} (Potree's nearest-texel lookup at radius r), neighbours that are empty or
 *     outside the frame adding nothing: {@code shade = exp(−300 × strength × Σ max(0, d − dn) / 8)}, and
 *     each of r, g, b becomes {@code round(channel × shade)} (half up).
 * </ol>
 *
 * <p>How, in two parallel passes: (1) every thread projects its contiguous chunk of the draw order and
 * appends each point's pixel rectangle and 64-bit key {@code (float depth bits << 32) | draw index} to
 * its list for every horizontal band of rows (about 256 KB of z-buffer each) that the square reaches;
 * (2) threads take bands one by one, draw the band's points from all lists into a small band z-buffer
 * that stays in cache, keep the smallest key per pixel (exactly "nearer, or as near and drawn
 * earlier", whichever thread wrote it and in whatever order) and turn it into colour, id and depth.
 * Random access thus stays inside a band, and the result cannot depend on the thread count.
 *
 * <p>Buffers are reused between frames; a returned {@link Frame} stays valid until the second next
 * {@link #render} call (two frames alternate), so the view can show one while the next is drawn. The
 * band lists keep the largest size a frame needed (16 bytes per drawn point, a little more where
 * squares straddle bands) until {@link #close}.
 */
public final class JavaPointRenderer implements PointRenderer {
    private static final long EMPTY = Long.MAX_VALUE;
    /** Chunks smaller than this are not worth a thread of their own. */
    private static final int MIN_POINTS_PER_TASK = 16_384;
    /** Pixels per band: 32k keys = 256 KB, which stays in a core's L2 cache. */
    private static final int BAND_PIXELS = 32_768;

    private final int threads;
    private final ExecutorService pool;

    private int width;
    private int height;
    private float[] logDepth;
    private final int[][] argb = new int[2][];
    private final int[][] ids = new int[2][];
    private final float[][] depth = new float[2][];
    private int current;
    /** Per projecting task and band: the points to draw there. */
    private Bin[][] bins = new Bin[0][];
    /** Per band task: its band z-buffer. */
    private long[][] bandKeys = new long[0][];

    /**
     * A growable list of the points to draw in one band: per point its key and its pixel rectangle
     * (i0, i1, j0, j1 packed as 16 bits each), side by side so each list is written as one stream.
     */
    static final class Bin {
        long[] data = new long[512];
        int size;

        void add(long key, long rect) {
            int at = 2 * size;
            if (at == data.length) {
                data = Arrays.copyOf(data, at * 2);
            }
            data[at] = key;
            data[at + 1] = rect;
            size++;
        }
    }

    /** One thread per available processor. */
    public JavaPointRenderer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public JavaPointRenderer(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be 1..256: " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "point-render-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String description() {
        return "Java point renderer, " + threads + (threads == 1 ? " thread" : " threads");
    }

    public int threads() {
        return threads;
    }

    @Override
    public Frame render(List<PointBatch> batches, Camera camera, RenderSettings settings) {
        int w = settings.width();
        int h = settings.height();
        ensureBuffers(w, h);
        int bandRows = Math.max(1, Math.min(h, BAND_PIXELS / w));
        Scene scene = new Scene(batches, camera.copy(), settings, bandRows);
        int bands = (h + bandRows - 1) / bandRows;
        int tasks = (int) Math.max(1, Math.min(threads, scene.total / MIN_POINTS_PER_TASK));
        if (bins.length < threads || bins[0].length != bands) {
            bins = new Bin[threads][bands];
            for (Bin[] row : bins) {
                for (int b = 0; b < bands; b++) {
                    row[b] = new Bin();
                }
            }
        }

        // 1. Project: each task its chunk of the draw order, into its own bins.
        List<Callable<Void>> project = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            long from = scene.total * t / tasks;
            long to = scene.total * (t + 1) / tasks;
            Bin[] own = bins[t];
            project.add(() -> {
                for (Bin bin : own) {
                    bin.size = 0;
                }
                scene.project((int) from, (int) to, own);
                return null;
            });
        }
        runAll(project);
        Bin[][] used = Arrays.copyOf(bins, tasks);

        // 2. Draw band by band into a cached band z-buffer and resolve it into the frame.
        current ^= 1;
        if (argb[current] == null) {
            argb[current] = new int[w * h];
            ids[current] = new int[w * h];
            depth[current] = new float[w * h];
        }
        boolean edl = settings.edl();
        if (edl && logDepth == null) {
            logDepth = new float[w * h];
        }
        int[] outArgb = argb[current];
        int[] outIds = ids[current];
        float[] outDepth = depth[current];
        int workers = Math.min(threads, bands);
        if (bandKeys.length < workers || bandKeys[0].length != bandRows * w) {
            bandKeys = new long[workers][bandRows * w];
            for (long[] k : bandKeys) {
                Arrays.fill(k, EMPTY);
            }
        }
        AtomicInteger nextBand = new AtomicInteger();
        List<Callable<Void>> draw = new ArrayList<>(workers);
        for (int t = 0; t < workers; t++) {
            long[] keys = bandKeys[t];
            draw.add(() -> {
                for (int b = nextBand.getAndIncrement(); b < bands; b = nextBand.getAndIncrement()) {
                    int y0 = b * bandRows;
                    int y1 = Math.min(h, y0 + bandRows);
                    for (Bin[] own : used) {
                        Scene.drawBand(own[b], y0, y1, w, keys);
                    }
                    scene.resolve(keys, y0 * w, y1 * w, outArgb, outIds, outDepth, edl ? logDepth : null);
                }
                return null;
            });
        }
        runAll(draw);

        // 3. Eye-Dome Lighting reads neighbours' depths, so it runs after every band is resolved.
        if (edl) {
            int[] offsets = edlOffsets(settings.edlRadius());
            float strength = settings.edlStrength();
            int parts = threads == 1 ? 1 : Math.min(h, threads * 4);
            List<Callable<Void>> shade = new ArrayList<>(parts);
            for (int part = 0; part < parts; part++) {
                int y0 = h * part / parts;
                int y1 = h * (part + 1) / parts;
                shade.add(() -> {
                    eyeDome(logDepth, outArgb, w, h, y0, y1, offsets, strength);
                    return null;
                });
            }
            runAll(shade);
        }
        return new Frame(w, h, outArgb, outIds, outDepth);
    }

    /**
     * Drops the frame buffers when the size changes; each is made when first needed, so a renderer that
     * draws once (a screenshot, the CLI) holds one frame and no EDL buffer unless EDL is on.
     */
    private void ensureBuffers(int w, int h) {
        if (w != width || h != height) {
            width = w;
            height = h;
            logDepth = null;
            for (int i = 0; i < 2; i++) {
                argb[i] = null;
                ids[i] = null;
                depth[i] = null;
            }
        }
    }

    private void runAll(List<Callable<Void>> jobs) {
        if (pool == null || jobs.size() == 1) {
            for (Callable<Void> job : jobs) {
                try {
                    job.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("point rendering interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the threads and lets go of the working buffers (frames already returned stay intact). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        bins = new Bin[0][];
        bandKeys = new long[0][];
        ensureBuffers(0, 0);
    }

    // ---- Eye-Dome Lighting ---------------------------------------------------------------------

    /**
     * The 8 EDL neighbour offsets for a radius in pixels, as {@code (dx0, dy0, dx1, dy1, ...)} in frame
     * coordinates (y down): {@code dx = ⌊0.5 + r cos(2πc/8)⌋}, {@code dy = ⌊0.5 + r sin(2πc/8)⌋}, c = 0..7,
     * computed in double. Radius 1 and 1.4 both give the 8 direct neighbours.
     */
    public static int[] edlOffsets(float radius) {
        int[] o = new int[16];
        for (int c = 0; c < 8; c++) {
            double a = 2 * Math.PI * c / 8;
            o[2 * c] = (int) Math.floor(0.5 + radius * Math.cos(a));
            o[2 * c + 1] = (int) Math.floor(0.5 + radius * Math.sin(a));
        }
        return o;
    }

    /** Shades rows [y0, y1): logDepth holds log2(depth) of pixels with a point and NaN elsewhere. */
    private static void eyeDome(float[] logDepth, int[] argb, int w, int h, int y0, int y1, int[] offsets,
            float strength) {
        double factor = -300.0 * strength / 8;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                float d = logDepth[p];
                if (d != d) {
                    continue;
                }
                float sum = 0;
                for (int c = 0; c < 16; c += 2) {
                    int xx = x + offsets[c];
                    int yy = y + offsets[c + 1];
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
                        continue;
                    }
                    float diff = d - logDepth[yy * w + xx];
                    if (diff > 0) { // false for NaN (an empty neighbour)
                        sum += diff;
                    }
                }
                if (sum > 0) {
                    argb[p] = shade(argb[p], (float) Math.exp(factor * sum));
                }
            }
        }
    }

    static int shade(int argb, float shade) {
        int r = (int) (((argb >>> 16) & 0xFF) * shade + 0.5f);
        int g = (int) (((argb >>> 8) & 0xFF) * shade + 0.5f);
        int b = (int) ((argb & 0xFF) * shade + 0.5f);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    // ---- log2 of a float, accurate to about one ulp, without Math.log per pixel ------------------

    private static final int LOG_TABLE_BITS = 10;
    private static final double[] LOG2_M0 = new double[1 << LOG_TABLE_BITS];
    private static final double[] INV_M0 = new double[1 << LOG_TABLE_BITS];
    private static final double INV_LN2 = 1 / Math.log(2);

    static {
        for (int i = 0; i < LOG2_M0.length; i++) {
            double m0 = 1 + (double) i / LOG2_M0.length;
            LOG2_M0[i] = Math.log(m0) * INV_LN2;
            INV_M0[i] = 1 / m0;
        }
    }

    /**
     * log2(v) for a positive finite float: the exponent plus log2 of the mantissa, from a 1024-entry
     * table and the series of log(1 + t) for the small rest t < 1/1024 (error far below a float ulp).
     */
    static float log2(float v) {
        int bits = Float.floatToRawIntBits(v);
        int exponent = (bits >>> 23) - 127;
        if (exponent == -127 || exponent == 128) { // subnormal, infinite or NaN: rare, do it slowly
            return (float) (Math.log(v) * INV_LN2);
        }
        int mantissa = bits & 0x7FFFFF;
        int i = mantissa >>> (23 - LOG_TABLE_BITS);
        double m = 1 + mantissa * 0x1p-23;
        double t = m * INV_M0[i] - 1;
        double series = t * (1 - t * (0.5 - t * (1.0 / 3 - t * 0.25)));
        return (float) (exponent + LOG2_M0[i] + series * INV_LN2);
    }

    // ---- one frame's scene: batches in draw order and the camera's constants ---------------------

    private static final class Scene {
        final PointBatch[] batches;
        /** Draw index of each batch's first point; starts[n] = total. */
        final int[] starts;
        final long total;
        final int width;
        final int height;
        final double ex;
        final double ey;
        final double ez;
        final double[] axes = new double[9];
        final double near;
        final double far;
        final boolean ortho;
        final double tanHalf;
        final double orthoScale;
        final SizeMode sizeMode;
        final float pointSize;
        final float maxPointSize;
        final float spacing;
        final int background;

        final int bandRows;
        /** Band of each row (a table: an integer division per point cost more than the rest of it). */
        final int[] bandOfRow;

        Scene(List<PointBatch> list, Camera camera, RenderSettings settings, int bandRows) {
            batches = list.toArray(new PointBatch[0]);
            starts = new int[batches.length + 1];
            long sum = 0;
            for (int b = 0; b < batches.length; b++) {
                starts[b] = (int) sum;
                sum += batches[b].count();
                if (sum >= Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("too many points to draw in one frame: " + sum);
                }
            }
            starts[batches.length] = (int) sum;
            total = sum;
            width = settings.width();
            height = settings.height();
            double[] e = camera.eye();
            ex = e[0];
            ey = e[1];
            ez = e[2];
            System.arraycopy(camera.right(), 0, axes, 0, 3);
            System.arraycopy(camera.up(), 0, axes, 3, 3);
            System.arraycopy(camera.back(), 0, axes, 6, 3);
            near = camera.near();
            far = camera.far();
            ortho = camera.isOrthographic();
            tanHalf = Math.tan(camera.fovY() / 2);
            orthoScale = height / camera.viewHeightAtTarget();
            sizeMode = settings.sizeMode();
            pointSize = settings.pointSize();
            maxPointSize = settings.maxPointSize();
            spacing = settings.spacing();
            background = settings.background();
            this.bandRows = bandRows;
            bandOfRow = new int[height];
            for (int j = 0; j < height; j++) {
                bandOfRow[j] = j / bandRows;
            }
        }

        /** Projects the points with draw indices [from, to) into the bins of the bands they reach. */
        void project(int from, int to, Bin[] bins) {
            for (int b = 0; b < batches.length; b++) {
                int lo = Math.max(from, starts[b]);
                int hi = Math.min(to, starts[b + 1]);
                if (lo < hi) {
                    projectBatch(batches[b], lo - starts[b], hi - starts[b], starts[b], bins);
                }
            }
        }

        private void projectBatch(PointBatch batch, int k0, int k1, int start, Bin[] bins) {
            float[] xyz = batch.xyz();
            int offset = batch.offset();
            double a0 = axes[0], a1 = axes[1], a2 = axes[2];
            double a3 = axes[3], a4 = axes[4], a5 = axes[5];
            double a6 = axes[6], a7 = axes[7], a8 = axes[8];
            double halfW = width / 2.0;
            double halfH = height / 2.0;
            boolean fixed = sizeMode == SizeMode.FIXED;
            double fixedHalf = clampSize(pointSize) / 2;
            float batchSpacing = sizeMode == SizeMode.ADAPTIVE ? batch.spacing()
                    : batch.spacing() > 0 ? batch.spacing() : spacing;
            double sizePerPpu = (double) pointSize * batchSpacing;
            for (int k = k0; k < k1; k++) {
                int i3 = 3 * (offset + k);
                double dx = xyz[i3] - ex;
                double dy = xyz[i3 + 1] - ey;
                double dz = xyz[i3 + 2] - ez;
                double depth = -(a6 * dx + a7 * dy + a8 * dz);
                if (!(depth >= near && depth <= far)) { // also rejects NaN
                    continue;
                }
                double cx = a0 * dx + a1 * dy + a2 * dz;
                double cy = a3 * dx + a4 * dy + a5 * dz;
                double scale = ortho ? orthoScale : height / (2 * depth * tanHalf);
                double px = halfW + cx * scale;
                double py = halfH - cy * scale;
                if (!(px >= 0 && px <= width && py >= 0 && py <= height)) {
                    continue;
                }
                double half = fixed ? fixedHalf : clampSize(sizePerPpu * scale) / 2;
                int j0 = Math.max(0, (int) Math.ceil(py - half - 0.5));
                int j1 = Math.min(height - 1, (int) Math.ceil(py + half - 0.5) - 1);
                int i0 = Math.max(0, (int) Math.ceil(px - half - 0.5));
                int i1 = Math.min(width - 1, (int) Math.ceil(px + half - 0.5) - 1);
                long rect = i0 | (long) i1 << 16 | (long) j0 << 32 | (long) j1 << 48;
                long key = (long) Float.floatToRawIntBits((float) depth) << 32 | (start + k);
                int b0 = bandOfRow[j0];
                bins[b0].add(key, rect);
                for (int b = b0 + 1; b * bandRows <= j1; b++) { // rarely: the square reaches the next band
                    bins[b].add(key, rect);
                }
            }
        }

        /** Draws a bin's points into the band z-buffer of rows [y0, y1) (index 0 = pixel (0, y0)). */
        static void drawBand(Bin bin, int y0, int y1, int w, long[] keys) {
            long[] data = bin.data;
            for (int r = 0, n = 2 * bin.size; r < n; r += 2) {
                long key = data[r];
                long rect = data[r + 1];
                int i0 = (int) rect & 0xFFFF;
                int i1 = (int) (rect >>> 16) & 0xFFFF;
                int j0 = Math.max(y0, (int) (rect >>> 32) & 0xFFFF);
                int j1 = Math.min(y1 - 1, (int) (rect >>> 48));
                for (int j = j0; j <= j1; j++) {
                    int row = (j - y0) * w;
                    for (int i = i0; i <= i1; i++) {
                        if (key < keys[row + i]) {
                            keys[row + i] = key;
                        }
                    }
                }
            }
        }

        private double clampSize(double s) {
            return s >= 1 ? Math.min(s, maxPointSize) : 1; // NaN and tiny sizes become 1
        }

        /** Turns the band z-buffer {@code keys} (pixels [p0, p1) of the frame) into the frame and empties it. */
        void resolve(long[] keys, int p0, int p1, int[] argb, int[] ids, float[] depth, float[] logDepth) {
            int b = 0;
            for (int p = p0; p < p1; p++) {
                long key = keys[p - p0];
                keys[p - p0] = EMPTY;
                if (key == EMPTY) {
                    argb[p] = background;
                    ids[p] = -1;
                    depth[p] = Float.POSITIVE_INFINITY;
                    if (logDepth != null) {
                        logDepth[p] = Float.NaN;
                    }
                    continue;
                }
                int index = (int) key;
                if (index < starts[b] || index >= starts[b + 1]) {
                    b = batchOf(index);
                }
                PointBatch batch = batches[b];
                int k = index - starts[b];
                float d = Float.intBitsToFloat((int) (key >>> 32));
                argb[p] = 0xFF000000 | batch.argb()[batch.offset() + k];
                ids[p] = batch.idBase() + k;
                depth[p] = d;
                if (logDepth != null) {
                    logDepth[p] = log2(d);
                }
            }
        }

        private int batchOf(int index) {
            int lo = 0;
            int hi = batches.length - 1;
            while (lo < hi) { // last batch whose start <= index (empty batches skipped by the ">=")
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= index) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }
}
