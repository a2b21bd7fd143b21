package org.attentionworkbench.compute.pointcloud.edit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * Fewer points: random (CloudCompare's RANDOM / RANDOM_PERCENT) or one per voxel (Open3D's
 * {@code voxel_down_sample}).
 *
 * <p>Voxel: the grid starts half a voxel below the cloud's lowest finite point, as Open3D's does;
 * each occupied voxel gives one point at the <b>centroid</b> of its points, with the mean colour
 * (rounded), the mean normal (normalised) and the mean of each continuous scalar field (over its
 * finite values). What cannot be averaged, categorical fields (classification, labels) and the
 * source pixel, is taken from the point nearest the centroid. Points with a non-finite coordinate
 * are dropped. Output points follow the order in which their voxels are first met in the input.
 */
public final class Subsample {
    private Subsample() {}

    /**
     * {@code count} points chosen uniformly without replacement (Knuth's selection sampling), in
     * their original order; all points when {@code count} ≥ the cloud's size.
     */
    public static int[] random(PointCloud cloud, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("point count must not be negative: " + count);
        }
        int n = cloud.size();
        int want = Math.min(count, n);
        int[] out = new int[want];
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = 0;
        for (int i = 0; i < n && k < want; i++) {
            // choose point i with probability (still needed) / (still left)
            if (rnd.nextInt(n - i) < want - k) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** A fraction (0 to 1) of the points, rounded to the nearest count. */
    public static int[] randomFraction(PointCloud cloud, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1: " + fraction);
        }
        return random(cloud, (int) Math.round(fraction * cloud.size()), seed);
    }

    /** The edit form of {@link #random}. */
    public static CloudEdit.Selection randomEdit(int count, long seed) {
        return new CloudEdit.Selection() {
            @Override
            public String name() {
                return String.format(Locale.ROOT, "random subsample to %,d", count);
            }

            @Override
            public int[] keptIndices(PointCloud cloud) {
                return random(cloud, count, seed);
            }
        };
    }

    /** The edit form of {@link #randomFraction}. */
    public static CloudEdit.Selection randomFractionEdit(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1: " + fraction);
        }
        return new CloudEdit.Selection() {
            @Override
            public String name() {
                return String.format(Locale.ROOT, "random subsample to %.4g%%", 100 * fraction);
            }

            @Override
            public int[] keptIndices(PointCloud cloud) {
                return randomFraction(cloud, fraction, seed);
            }
        };
    }

    /** The edit form of {@link #voxel}. */
    public static CloudEdit.Resample voxelEdit(double voxelSize) {
        checkVoxel(voxelSize);
        return new CloudEdit.Resample() {
            @Override
            public String name() {
                return String.format(Locale.ROOT, "voxel subsample (voxel %.6g)", voxelSize);
            }

            @Override
            public PointCloud apply(PointCloud cloud) {
                return voxel(cloud, voxelSize);
            }
        };
    }

    private static void checkVoxel(double voxelSize) {
        if (!(voxelSize > 0) || !Double.isFinite(voxelSize)) {
            throw new IllegalArgumentException("voxel size must be positive: " + voxelSize);
        }
    }

    /** One point per occupied voxel of side {@code voxelSize} (world units), at its points' centroid. */
    public static PointCloud voxel(PointCloud cloud, double voxelSize) {
        checkVoxel(voxelSize);
        float[] p = cloud.xyz();
        int n = cloud.size();
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (int i = 0; i < n; i++) {
            if (finite(p, i)) {
                for (int a = 0; a < 3; a++) {
                    lo[a] = Math.min(lo[a], p[3 * i + a]);
                }
            }
        }
        // voxel of each point, numbered in order of first appearance
        int[] voxelOf = new int[n];
        LongIntMap ids = new LongIntMap();
        int voxels = 0;
        for (int i = 0; i < n; i++) {
            if (!finite(p, i)) {
                voxelOf[i] = -1;
                continue;
            }
            long key = 0;
            for (int a = 0; a < 3; a++) {
                long v = (long) Math.floor((p[3 * i + a] - (lo[a] - voxelSize / 2)) / voxelSize);
                if (v >= 1 << 21) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "voxel size %.6g is too small for this cloud: more than 2^21 voxels along one axis",
                            voxelSize));
                }
                key = key << 21 | v;
            }
            int id = ids.putIfAbsent(key, voxels);
            if (id == voxels) {
                voxels++;
            }
            voxelOf[i] = id;
        }

        int[] members = new int[voxels];
        double[] sum = new double[3 * voxels];
        for (int i = 0; i < n; i++) {
            int v = voxelOf[i];
            if (v >= 0) {
                members[v]++;
                for (int a = 0; a < 3; a++) {
                    sum[3 * v + a] += p[3 * i + a];
                }
            }
        }
        float[] xyz = new float[3 * voxels];
        for (int v = 0; v < voxels; v++) {
            for (int a = 0; a < 3; a++) {
                xyz[3 * v + a] = (float) (sum[3 * v + a] / members[v]);
            }
        }
        // the point nearest each centroid, for what cannot be averaged
        int[] nearest = new int[voxels];
        double[] best = new double[voxels];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int v = voxelOf[i];
            if (v >= 0) {
                double d = 0;
                for (int a = 0; a < 3; a++) {
                    double e = p[3 * i + a] - (double) xyz[3 * v + a];
                    d += e * e;
                }
                if (d < best[v]) {
                    best[v] = d;
                    nearest[v] = i;
                }
            }
        }

        byte[] rgb = null;
        if (cloud.rgb() != null) {
            double[] c = meanColour(cloud.rgb(), voxelOf, members);
            rgb = new byte[3 * voxels];
            for (int k = 0; k < rgb.length; k++) {
                rgb[k] = (byte) Math.round(c[k]);
            }
        }
        float[] normals = null;
        if (cloud.normals() != null) {
            double[] s = new double[3 * voxels];
            float[] nm = cloud.normals();
            for (int i = 0; i < n; i++) {
                int v = voxelOf[i];
                if (v >= 0) {
                    for (int a = 0; a < 3; a++) {
                        s[3 * v + a] += nm[3 * i + a];
                    }
                }
            }
            normals = new float[3 * voxels];
            for (int v = 0; v < voxels; v++) {
                double len = Math.sqrt(s[3 * v] * s[3 * v] + s[3 * v + 1] * s[3 * v + 1] + s[3 * v + 2] * s[3 * v + 2]);
                for (int a = 0; a < 3; a++) {
                    normals[3 * v + a] = len > 0 ? (float) (s[3 * v + a] / len) : 0f;
                }
            }
        }
        List<ScalarField> fields = new ArrayList<>();
        for (ScalarField f : cloud.fields()) {
            if (f.categorical()) {
                fields.add(f.select(nearest));
                continue;
            }
            double[] s = new double[voxels];
            int[] finiteCount = new int[voxels];
            for (int i = 0; i < n; i++) {
                int v = voxelOf[i];
                float value = f.values()[i];
                if (v >= 0 && Float.isFinite(value)) {
                    s[v] += value;
                    finiteCount[v]++;
                }
            }
            float[] values = new float[voxels];
            for (int v = 0; v < voxels; v++) {
                values[v] = finiteCount[v] == 0 ? Float.NaN : (float) (s[v] / finiteCount[v]);
            }
            fields.add(new ScalarField(f.name(), values, f.offset(), false));
        }
        Provenance prov = cloud.provenance() == null ? null : cloud.provenance().select(nearest);
        return new PointCloud(cloud.origin(), xyz, rgb, normals, fields, prov);
    }

    /** Per-voxel mean of the colours (unsigned bytes). */
    private static double[] meanColour(byte[] values, int[] voxelOf, int[] members) {
        double[] s = new double[3 * members.length];
        for (int i = 0; i < voxelOf.length; i++) {
            int v = voxelOf[i];
            if (v >= 0) {
                for (int a = 0; a < 3; a++) {
                    s[3 * v + a] += values[3 * i + a] & 0xFF;
                }
            }
        }
        for (int v = 0; v < members.length; v++) {
            for (int a = 0; a < 3; a++) {
                s[3 * v + a] /= members[v];
            }
        }
        return s;
    }

    private static boolean finite(float[] p, int i) {
        return Float.isFinite(p[3 * i]) && Float.isFinite(p[3 * i + 1]) && Float.isFinite(p[3 * i + 2]);
    }

    /** A long → int open-addressing map (no boxing for millions of voxels). */
    private static final class LongIntMap {
        private long[] keys = new long[1024];
        private int[] vals = new int[1024];
        private boolean[] used = new boolean[1024];
        private int size;

        /** The value of {@code key}, after storing {@code value} if it had none. */
        int putIfAbsent(long key, int value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int h = (int) (mix(key) & mask);
            while (used[h]) {
                if (keys[h] == key) {
                    return vals[h];
                }
                h = (h + 1) & mask;
            }
            used[h] = true;
            keys[h] = key;
            vals[h] = value;
            size++;
            return value;
        }

        private void grow() {
            long[] k = keys;
            int[] v = vals;
            boolean[] u = used;
            keys = new long[k.length * 2];
            vals = new int[k.length * 2];
            used = new boolean[k.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < k.length; i++) {
                if (u[i]) {
                    int h = (int) (mix(k[i]) & mask);
                    while (used[h]) {
                        h = (h + 1) & mask;
                    }
                    used[h] = true;
                    keys[h] = k[i];
                    vals[h] = v[i];
                }
            }
        }

        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            x ^= x >>> 33;
            return x;
        }
    }
}
