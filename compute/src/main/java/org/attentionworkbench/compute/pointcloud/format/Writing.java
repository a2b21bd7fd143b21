package org.attentionworkbench.compute.pointcloud.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/** What the writers share: which points to write and names other programs accept. */
final class Writing {
    private Writing() {
    }

    /**
     * The cloud without its non-finite points (PLY and XYZ hold no invalid points: their readers,
     * ours included, refuse them), or the cloud itself when every point is finite.
     */
    static PointCloud finitePoints(PointCloud cloud) {
        float[] xyz = cloud.xyz();
        int n = cloud.size();
        int[] keep = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (Float.isFinite(xyz[3 * i]) && Float.isFinite(xyz[3 * i + 1]) && Float.isFinite(xyz[3 * i + 2])) {
                keep[k++] = i;
            }
        }
        return k == n ? cloud : cloud.select(Arrays.copyOf(keep, k));
    }

    /** Whether positions need doubles to keep their precision (a non-zero origin). */
    static boolean needsDoubles(PointCloud cloud) {
        double[] o = cloud.origin();
        return o[0] != 0 || o[1] != 0 || o[2] != 0;
    }

    /** {@code name} as one token of letters, digits and '_', unlike any name in {@code used}; added to it. */
    static String uniqueName(String name, Set<String> used) {
        String base = name.trim().replaceAll("[^A-Za-z0-9_]+", "_");
        if (base.isEmpty()) {
            base = "field";
        }
        String n = base;
        for (int k = 2; used.contains(n.toLowerCase(Locale.ROOT)); k++) {
            n = base + "_" + k;
        }
        used.add(n.toLowerCase(Locale.ROOT));
        return n;
    }

    /** How a scalar field is written. */
    enum FieldKind { FLOAT, DOUBLE, INT, UINT }

    /**
     * Double where the field has an offset (its values need more than a float), a 32-bit integer
     * for a label of whole numbers (so readers see an integer property, a label again for ours),
     * float otherwise.
     */
    static FieldKind kind(ScalarField f) {
        if (f.offset() != 0) {
            return FieldKind.DOUBLE;
        }
        if (!f.categorical()) {
            return FieldKind.FLOAT;
        }
        boolean negative = false;
        for (float v : f.values()) {
            if (v != Math.rint(v) || Math.abs(v) > 1 << 24) { // NaN fails the first test
                return FieldKind.FLOAT;
            }
            negative |= v < 0;
        }
        return negative ? FieldKind.INT : FieldKind.UINT;
    }

    /**
     * Point {@code i} as one text line, the row both PLY ascii and XYZ write: x y z (world doubles when
     * {@code doubles}, else the stored floats), then r g b, nx ny nz and each field where the cloud has them.
     */
    static String textRow(StringBuilder line, PointCloud cloud, int i, boolean doubles, FieldKind[] kinds) {
        line.setLength(0);
        for (int a = 0; a < 3; a++) {
            line.append(a == 0 ? "" : " ");
            if (doubles) {
                line.append(cloud.coordinate(i, a));
            } else {
                line.append(cloud.xyz()[3 * i + a]);
            }
        }
        byte[] rgb = cloud.rgb();
        if (rgb != null) {
            line.append(' ').append(rgb[3 * i] & 0xff).append(' ').append(rgb[3 * i + 1] & 0xff)
                    .append(' ').append(rgb[3 * i + 2] & 0xff);
        }
        float[] normals = cloud.normals();
        if (normals != null) {
            line.append(' ').append(normals[3 * i]).append(' ').append(normals[3 * i + 1])
                    .append(' ').append(normals[3 * i + 2]);
        }
        List<ScalarField> fields = cloud.fields();
        for (int k = 0; k < fields.size(); k++) {
            line.append(' ').append(text(fields.get(k), kinds[k], i));
        }
        return line.append('\n').toString();
    }

    /** The value of point {@code i} as text: whole numbers for integer kinds, else the shortest exact form. */
    static String text(ScalarField f, FieldKind kind, int i) {
        return switch (kind) {
            case DOUBLE -> Double.toString(f.value(i));
            case FLOAT -> Float.toString(f.values()[i]);
            case INT, UINT -> Long.toString((long) f.values()[i]);
        };
    }

    /** Writes the value of point {@code i} in binary as {@code kind}. */
    static void put(FileOutput out, ScalarField f, FieldKind kind, int i) throws java.io.IOException {
        switch (kind) {
            case DOUBLE -> out.putDouble(f.value(i));
            case FLOAT -> out.putFloat(f.values()[i]);
            case INT, UINT -> out.putInt((int) f.values()[i]);
        }
    }
}
