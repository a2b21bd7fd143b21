package org.attentionworkbench.compute.pointcloud;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One point cloud in memory, in primitive arrays (no object per point): 12 bytes of positions and
 * 3 of colour per point.
 *
 * <p>Positions are float, relative to a double-precision {@code origin}, so survey coordinates
 * (LAS in UTM, millions of metres) keep millimetres: world x of point i = {@code origin[0] + xyz[3i]}.
 * {@code rgb} (3 bytes per point, unsigned), {@code normals} (3 floats per point) and
 * {@code provenance} may be null; {@code fields} holds every other per-point value by name.
 *
 * <p>The arrays are shared, not copied: treat a cloud as immutable. Edits make new clouds
 * ({@link #select}).
 */
public final class PointCloud {
    private final int size;
    private final double[] origin;
    private final float[] xyz;
    private final byte[] rgb;
    private final float[] normals;
    private final List<ScalarField> fields;
    private final Provenance provenance;
    private Bounds bounds;

    public PointCloud(double[] origin, float[] xyz, byte[] rgb, float[] normals, List<ScalarField> fields,
            Provenance provenance) {
        Objects.requireNonNull(xyz, "xyz");
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("xyz holds " + xyz.length + " floats, not a multiple of 3");
        }
        this.size = xyz.length / 3;
        this.origin = origin == null ? new double[3] : origin.clone();
        if (this.origin.length != 3) {
            throw new IllegalArgumentException("origin needs 3 values, got " + this.origin.length);
        }
        check("rgb", rgb == null ? -1 : rgb.length, 3L * size);
        check("normals", normals == null ? -1 : normals.length, 3L * size);
        this.xyz = xyz;
        this.rgb = rgb;
        this.normals = normals;
        this.fields = List.copyOf(fields == null ? List.of() : fields);
        for (ScalarField f : this.fields) {
            check("field " + f.name(), f.values().length, size);
        }
        if (provenance != null) {
            check("provenance", provenance.pixel().length, size);
        }
        this.provenance = provenance;
    }

    /** Positions only, at origin 0. */
    public static PointCloud of(float[] xyz) {
        return new PointCloud(null, xyz, null, null, List.of(), null);
    }

    private static void check(String what, int length, long expected) {
        if (length >= 0 && length != expected) {
            throw new IllegalArgumentException(what + " holds " + length + " values, expected " + expected);
        }
    }

    public int size() {
        return size;
    }

    public double[] origin() {
        return origin.clone();
    }

    /** Interleaved x, y, z relative to {@link #origin()}; shared, do not modify. */
    public float[] xyz() {
        return xyz;
    }

    /** Interleaved r, g, b (unsigned bytes), or null. */
    public byte[] rgb() {
        return rgb;
    }

    public boolean hasRgb() {
        return rgb != null;
    }

    /** Interleaved nx, ny, nz, or null. */
    public float[] normals() {
        return normals;
    }

    public List<ScalarField> fields() {
        return fields;
    }

    /** The field called {@code name} (case-insensitive), or null. */
    public ScalarField field(String name) {
        for (ScalarField f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** Source pixels, or null when the points did not come from an image. */
    public Provenance provenance() {
        return provenance;
    }

    /** World coordinate {@code axis} (0 x, 1 y, 2 z) of point {@code i}. */
    public double coordinate(int i, int axis) {
        return origin[axis] + xyz[3 * i + axis];
    }

    /** Bounds of the finite points in world coordinates ({@link Bounds#EMPTY} if none). */
    public Bounds bounds() {
        Bounds b = bounds;
        if (b == null) {
            float[] lo = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
            float[] hi = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
            for (int i = 0; i < size; i++) {
                float x = xyz[3 * i];
                float y = xyz[3 * i + 1];
                float z = xyz[3 * i + 2];
                if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
                    lo[0] = Math.min(lo[0], x);
                    lo[1] = Math.min(lo[1], y);
                    lo[2] = Math.min(lo[2], z);
                    hi[0] = Math.max(hi[0], x);
                    hi[1] = Math.max(hi[1], y);
                    hi[2] = Math.max(hi[2], z);
                }
            }
            b = lo[0] > hi[0] ? Bounds.EMPTY
                    : new Bounds(origin[0] + lo[0], origin[1] + lo[1], origin[2] + lo[2],
                            origin[0] + hi[0], origin[1] + hi[1], origin[2] + hi[2]);
            bounds = b;
        }
        return b;
    }

    /** Names of what each point carries, e.g. [x, y, z, rgb, normals, intensity]. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>(List.of("x", "y", "z"));
        if (rgb != null) {
            names.add("rgb");
        }
        if (normals != null) {
            names.add("normals");
        }
        for (ScalarField f : fields) {
            names.add(f.name());
        }
        if (provenance != null) {
            names.add("source_pixel");
        }
        return names;
    }

    /** Bytes held per point by the arrays (12 for xyz, +3 rgb, +12 normals, +4 per field...). */
    public double bytesPerPoint() {
        long bytes = 4L * xyz.length + (rgb == null ? 0 : rgb.length) + 4L * (normals == null ? 0 : normals.length)
                + 4L * fields.size() * size + (provenance == null ? 0 : 4L * size);
        return size == 0 ? 0 : (double) bytes / size;
    }

    /** A new cloud of the points {@code indices}, in that order, with every attribute. */
    public PointCloud select(int[] indices) {
        float[] p = new float[indices.length * 3];
        byte[] c = rgb == null ? null : new byte[indices.length * 3];
        float[] n = normals == null ? null : new float[indices.length * 3];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(xyz, 3 * i, p, 3 * k, 3);
            if (c != null) {
                System.arraycopy(rgb, 3 * i, c, 3 * k, 3);
            }
            if (n != null) {
                System.arraycopy(normals, 3 * i, n, 3 * k, 3);
            }
        }
        List<ScalarField> fs = new ArrayList<>(fields.size());
        for (ScalarField f : fields) {
            fs.add(f.select(indices));
        }
        return new PointCloud(origin, p, c, n, fs, provenance == null ? null : provenance.select(indices));
    }

    public PointCloud withRgb(byte[] colours) {
        return new PointCloud(origin, xyz, colours, normals, fields, provenance);
    }

    public PointCloud withFields(List<ScalarField> newFields) {
        return new PointCloud(origin, xyz, rgb, normals, newFields, provenance);
    }

    public PointCloud withProvenance(Provenance p) {
        return new PointCloud(origin, xyz, rgb, normals, fields, p);
    }

    /** This cloud plus (or with a replaced) field. */
    public PointCloud withField(ScalarField field) {
        List<ScalarField> fs = new ArrayList<>();
        for (ScalarField f : fields) {
            if (!f.name().equalsIgnoreCase(field.name())) {
                fs.add(f);
            }
        }
        fs.add(field);
        return withFields(fs);
    }

    /**
     * Refuses a header's point count before anything is allocated: more points than the JVM could
     * hold ({@code bytesPerPoint} each, half the heap at most) or than Java arrays can index.
     */
    public static void checkAllocatable(Path file, String where, long points, int bytesPerPoint)
            throws PointCloudException {
        if (points < 0) {
            throw new PointCloudException(file, where, -1, "negative point count " + points);
        }
        if (points > Integer.MAX_VALUE / 3) {
            throw new PointCloudException(file, where, -1,
                    points + " points is more than one cloud can hold (" + Integer.MAX_VALUE / 3 + ")");
        }
        long need = points * (long) bytesPerPoint;
        long max = Runtime.getRuntime().maxMemory() / 2;
        if (need > max) {
            throw new PointCloudException(file, where, -1, String.format(
                    "%d points need about %.1f GB, more than the %.1f GB this JVM can give (raise -Xmx)",
                    points, need / 1e9, max / 1e9));
        }
    }

    @Override
    public String toString() {
        return "PointCloud[" + size + " points, " + String.join(" ", fieldNames()) + "]";
    }
}
