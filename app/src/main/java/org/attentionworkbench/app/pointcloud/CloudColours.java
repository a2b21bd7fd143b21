package org.attentionworkbench.app.pointcloud;

import java.util.Arrays;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.points.render.PointColoring;

/**
 * One opaque ARGB colour per point for a {@link ColorBy}, through the viewers' {@link PointColoring}:
 * RGB as stored, normals, labels through a categorical palette (ASPRS colours for LAS
 * classification), everything else through a colormap over a {@link ColorRange}. This class picks
 * the values out of a {@link PointCloud}. No JavaFX: the CLI colours with this too.
 */
public final class CloudColours {
    /** Grey for points without a value (NaN) and clouds without what was asked. */
    public static final int NO_VALUE = PointColoring.NAN_GREY;

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
        int step = Math.max(1, values.length / 200_000);
        float[] sample = values;
        if (step > 1) {
            sample = new float[values.length / step];
            for (int k = 0; k < sample.length; k++) {
                sample[k] = values[k * step];
            }
        }
        float[] r = PointColoring.percentileRange(sample, range.low(), range.high());
        return Float.isNaN(r[0]) ? new double[] {0, 1} : new double[] {r[0], r[1]};
    }

    /** Colours every point; {@code attention} is only read for {@link ColorBy.Kind#ATTENTION}. */
    public static int[] argb(PointCloud cloud, ColorBy by, Colormap map, ColorRange range, float[] attention) {
        int n = cloud.size();
        switch (by.kind()) {
            case RGB -> {
                return cloud.rgb() == null ? grey(n) : PointColoring.rgb(cloud.rgb());
            }
            case NORMALS -> {
                return cloud.normals() == null ? grey(n) : PointColoring.normals(cloud.normals());
            }
            default -> {
                ScalarField f = by.kind() == ColorBy.Kind.FIELD ? cloud.field(by.field()) : null;
                if (f != null && f.categorical()) {
                    float[] codes = f.values();
                    if (f.offset() != 0) {
                        codes = new float[n];
                        for (int i = 0; i < n; i++) {
                            codes[i] = (float) f.value(i);
                        }
                    }
                    return f.name().equalsIgnoreCase("classification") ? PointColoring.classification(codes)
                            : PointColoring.categorical(codes);
                }
                float[] v = values(cloud, by, attention);
                if (v == null || v.length != n) {
                    return grey(n);
                }
                double[] s = span(v, range, offset(cloud, by));
                return PointColoring.scalar(v, map.table(), (float) s[0], (float) s[1]);
            }
        }
    }

    private static int[] grey(int n) {
        int[] out = new int[n];
        Arrays.fill(out, NO_VALUE);
        return out;
    }
}
