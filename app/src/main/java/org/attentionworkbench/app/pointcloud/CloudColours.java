package org.attentionworkbench.app.pointcloud;

import java.util.Arrays;
import java.util.Random;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.attentionworkbench.viewers.heatmap.Colormap;

/**
 * One opaque ARGB colour per point for a {@link ColorBy}: RGB as stored, normals as |n| mapped to
 * RGB (Open3D's convention: (n + 1) / 2), labels through a categorical palette (ASPRS colours for
 * LAS classification), everything else through a colormap over a {@link ColorRange}. No JavaFX:
 * the CLI colours with this too.
 */
public final class CloudColours {
    /** Grey for points without a value (NaN) and clouds without what was asked. */
    public static final int NO_VALUE = 0xFF808080;

    /** ASPRS LAS 1.4 standard classes 0..18 (unclassified grey, ground brown, vegetation greens, building red, water blue...). */
    private static final int[] ASPRS = {
        0xFFA0A0A0, 0xFFBEBEBE, 0xFF8B5A2B, 0xFF9ACD32, 0xFF32CD32, 0xFF006400, 0xFFE03C31, 0xFFFF00FF,
        0xFFFFD700, 0xFF1E90FF, 0xFF8B4513, 0xFF696969, 0xFFDDA0DD, 0xFFFFA500, 0xFF00CED1, 0xFF9932CC,
        0xFFFF69B4, 0xFF708090, 0xFFFF4500};
    /** matplotlib's tab20 for other labels. */
    private static final int[] TAB20 = {
        0xFF1F77B4, 0xFFAEC7E8, 0xFFFF7F0E, 0xFFFFBB78, 0xFF2CA02C, 0xFF98DF8A, 0xFFD62728, 0xFFFF9896,
        0xFF9467BD, 0xFFC5B0D5, 0xFF8C564B, 0xFFC49C94, 0xFFE377C2, 0xFFF7B6D2, 0xFF7F7F7F, 0xFFC7C7C7,
        0xFFBCBD22, 0xFFDBDB8D, 0xFF17BECF, 0xFF9EDAE5};

    private CloudColours() {
    }

    /** The values a colormap colouring maps (z for height, the field, or {@code attention}); null for RGB/normals/labels. */
    public static float[] values(PointCloud cloud, ColorBy by, float[] attention) {
        return switch (by.kind()) {
            case HEIGHT -> {
                float[] xyz = cloud.xyz();
                float[] z = new float[cloud.size()];
                for (int i = 0; i < z.length; i++) {
                    z[i] = xyz[3 * i + 2];
                }
                yield z;
            }
            case FIELD -> cloud.field(by.field()) == null ? null : cloud.field(by.field()).values();
            case ATTENTION -> attention;
            default -> null;
        };
    }

    /** The offset to add to {@link #values} to get the file's units (origin z for height, a field's offset). */
    public static double offset(PointCloud cloud, ColorBy by) {
        return switch (by.kind()) {
            case HEIGHT -> cloud.origin()[2];
            case FIELD -> cloud.field(by.field()) == null ? 0 : cloud.field(by.field()).offset();
            default -> 0;
        };
    }

    /**
     * The {min, max} the colormap spans, in the stored values' units (without offset): the
     * percentiles of a relative range (over a sample of at most 200k values, which is exact enough
     * for a colour ramp), or an absolute range minus {@code offset}.
     */
    public static double[] span(float[] values, ColorRange range, double offset) {
        if (!range.relative()) {
            return new double[] {range.low() - offset, range.high() - offset};
        }
        int n = values.length;
        int step = Math.max(1, n / 200_000);
        float[] sample = new float[(n + step - 1) / step];
        int k = 0;
        for (int i = 0; i < n; i += step) {
            if (Float.isFinite(values[i])) {
                sample[k++] = values[i];
            }
        }
        if (k == 0) {
            return new double[] {0, 1};
        }
        float[] sorted = Arrays.copyOf(sample, k);
        Arrays.sort(sorted);
        double lo = sorted[(int) Math.round(range.low() / 100 * (k - 1))];
        double hi = sorted[(int) Math.round(range.high() / 100 * (k - 1))];
        return new double[] {lo, hi};
    }

    /** Colours every point; {@code attention} is only read for {@link ColorBy.Kind#ATTENTION}. */
    public static int[] argb(PointCloud cloud, ColorBy by, Colormap map, ColorRange range, float[] attention) {
        int n = cloud.size();
        int[] out = new int[n];
        switch (by.kind()) {
            case RGB -> {
                byte[] rgb = cloud.rgb();
                if (rgb == null) {
                    Arrays.fill(out, NO_VALUE);
                    return out;
                }
                for (int i = 0; i < n; i++) {
                    out[i] = 0xFF000000 | (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
                }
            }
            case NORMALS -> {
                float[] nm = cloud.normals();
                if (nm == null) {
                    Arrays.fill(out, NO_VALUE);
                    return out;
                }
                for (int i = 0; i < n; i++) {
                    out[i] = 0xFF000000 | channel(nm[3 * i]) << 16 | channel(nm[3 * i + 1]) << 8 | channel(nm[3 * i + 2]);
                }
            }
            default -> {
                ScalarField f = by.kind() == ColorBy.Kind.FIELD ? cloud.field(by.field()) : null;
                if (f != null && f.categorical()) {
                    int[] palette = f.name().equalsIgnoreCase("classification") ? ASPRS : TAB20;
                    for (int i = 0; i < n; i++) {
                        out[i] = categorical(f.value(i), palette);
                    }
                    return out;
                }
                float[] v = values(cloud, by, attention);
                if (v == null || v.length != n) {
                    Arrays.fill(out, NO_VALUE);
                    return out;
                }
                double[] s = span(v, range, offset(cloud, by));
                double scale = s[1] > s[0] ? 1 / (s[1] - s[0]) : 0;
                for (int i = 0; i < n; i++) {
                    float x = v[i];
                    out[i] = Float.isNaN(x) ? NO_VALUE : map.argb(scale == 0 ? 0.5 : (x - s[0]) * scale);
                }
            }
        }
        return out;
    }

    /** A label's colour: ASPRS classes by number, other labels cycling through the palette. */
    static int categorical(double label, int[] palette) {
        if (!Double.isFinite(label)) {
            return NO_VALUE;
        }
        long k = Math.round(label);
        if (palette == ASPRS && k >= 0 && k < ASPRS.length) {
            return ASPRS[(int) k];
        }
        int[] p = palette == ASPRS ? TAB20 : palette;
        return p[(int) Math.floorMod(k, (long) p.length)];
    }

    private static int channel(float n) {
        float c = Float.isFinite(n) ? (n + 1) * 0.5f : 0.5f;
        return Math.round(Math.max(0, Math.min(1, c)) * 255);
    }

    /** Up to {@code budget} indices spread over the cloud at random (a fixed seed, so a picture is repeatable). */
    public static int[] randomSubset(int size, int budget, long seed) {
        if (size <= budget) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        // reservoir sampling, then sorted so memory is read in order
        int[] keep = new int[budget];
        Arrays.setAll(keep, i -> i);
        Random r = new Random(seed);
        for (int i = budget; i < size; i++) {
            int j = r.nextInt(i + 1);
            if (j < budget) {
                keep[j] = i;
            }
        }
        Arrays.sort(keep);
        return keep;
    }
}
