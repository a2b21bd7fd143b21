package org.attentionworkbench.compute.pointcloud.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * Collects points row by row into the arrays of a {@link PointCloud}: each reader turns a point's
 * values into one {@code double[]} row and says once, per column, what it is ({@link Column}).
 *
 * <p>Precision: coordinates from doubles are stored as float around an origin chosen at the first
 * finite point (each axis whose value is 10,000 or more in size gets that value, rounded), so
 * survey coordinates keep millimetres; "wide" scalar fields (32/64-bit ints, doubles, text) get an
 * offset the same way (from 65,536 on), e.g. GPS times.
 */
final class PointTable {
    enum Role { SKIP, X, Y, Z, RED, GREEN, BLUE, RGB_PACKED, NX, NY, NZ, FIELD }

    /**
     * What one column of a row is. {@code colourScale} turns a colour value into 0..255 (1 for
     * bytes, 1/257 for 16-bit, 255 for 0..1 floats); {@code wide}: the values may need an offset.
     */
    record Column(String name, Role role, double colourScale, boolean wide, boolean categorical) {
        static Column skip(String name) {
            return new Column(name, Role.SKIP, 0, false, false);
        }

        static Column field(String name, boolean wide, boolean categorical) {
            return new Column(name, Role.FIELD, 0, wide, categorical);
        }
    }

    /** Names of integer fields that hold labels, coloured with a categorical palette. */
    private static final Pattern LABEL = Pattern.compile(
            "(?i).*(label|class|segment|instance|categor|cluster|object|semantic)(.*)|id|.*_id|.*index.*");
    private static final double ORIGIN_FROM = 1e4;
    private static final double OFFSET_FROM = 65536;

    private final Column[] columns;
    private final boolean doubleCoordinates;
    private final int[] roleColumn = new int[Role.values().length];
    private final int[] fieldColumn;
    private final ScalarFieldBuilder[] fields;
    private final boolean hasRgb;
    private final boolean packedRgb;
    private final boolean hasNormals;
    private float[] xyz;
    private byte[] rgb;
    private float[] normals;
    private double[] origin;
    private int size;

    /**
     * {@code capacity}: the exact point count when known (grows otherwise);
     * {@code doubleCoordinates}: the source holds coordinates with more precision than float.
     */
    PointTable(List<Column> columns, int capacity, boolean doubleCoordinates) {
        this.columns = columns.toArray(new Column[0]);
        this.doubleCoordinates = doubleCoordinates;
        Arrays.fill(roleColumn, -1);
        List<Integer> fieldCols = new ArrayList<>();
        for (int c = 0; c < this.columns.length; c++) {
            Role r = this.columns[c].role();
            if (r == Role.FIELD) {
                fieldCols.add(c);
            } else if (r != Role.SKIP && roleColumn[r.ordinal()] < 0) {
                roleColumn[r.ordinal()] = c;
            }
        }
        if (!has(Role.X) || !has(Role.Y) || !has(Role.Z)) {
            throw new IllegalArgumentException("a point table needs x, y and z columns"); // readers check first
        }
        hasRgb = has(Role.RED) && has(Role.GREEN) && has(Role.BLUE);
        packedRgb = !hasRgb && has(Role.RGB_PACKED);
        hasNormals = has(Role.NX) && has(Role.NY) && has(Role.NZ);
        fieldColumn = fieldCols.stream().mapToInt(Integer::intValue).toArray();
        fields = new ScalarFieldBuilder[fieldColumn.length];
        for (int k = 0; k < fields.length; k++) {
            Column c = this.columns[fieldColumn[k]];
            fields[k] = new ScalarFieldBuilder(fieldName(c.name(), fieldColumn[k]), c.wide(), c.categorical(), capacity);
        }
        xyz = new float[3 * capacity];
        rgb = hasRgb || packedRgb ? new byte[3 * capacity] : null;
        normals = hasNormals ? new float[3 * capacity] : null;
    }

    /** Whether an integer column called {@code name} is a label (segment_index, class, ...). */
    static boolean isLabel(String name) {
        return LABEL.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /** Bytes each point of a table of {@code columns} takes in memory, for {@link PointCloud#checkAllocatable}. */
    static int bytesPerPoint(List<Column> columns) {
        return new PointTable(columns, 0, false).bytesPerPoint();
    }

    private int bytesPerPoint() {
        return 12 + (rgb != null ? 3 : 0) + (normals != null ? 12 : 0) + 4 * fields.length;
    }

    private boolean has(Role r) {
        return roleColumn[r.ordinal()] >= 0;
    }

    int size() {
        return size;
    }

    /** Whether column {@code c} is read at all (readers skip the others). */
    boolean used(int c) {
        Role r = columns[c].role();
        return r != Role.SKIP;
    }

    Role role(int c) {
        return columns[c].role();
    }

    /** Adds one point; false when one of its coordinates is not finite (the point is added anyway). */
    boolean add(double[] row) {
        if (3 * size == xyz.length) {
            grow();
        }
        int i = size++;
        double x = row[roleColumn[Role.X.ordinal()]];
        double y = row[roleColumn[Role.Y.ordinal()]];
        double z = row[roleColumn[Role.Z.ordinal()]];
        boolean finite = Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
        if (origin == null && finite) {
            origin = doubleCoordinates ? new double[] {originFor(x), originFor(y), originFor(z)} : new double[3];
        }
        double[] o = origin == null ? ZERO : origin;
        float fx = (float) (x - o[0]);
        float fy = (float) (y - o[1]);
        float fz = (float) (z - o[2]);
        xyz[3 * i] = fx;
        xyz[3 * i + 1] = fy;
        xyz[3 * i + 2] = fz;
        if (hasRgb) {
            rgb[3 * i] = colour(row, Role.RED);
            rgb[3 * i + 1] = colour(row, Role.GREEN);
            rgb[3 * i + 2] = colour(row, Role.BLUE);
        } else if (packedRgb) {
            long packed = (long) row[roleColumn[Role.RGB_PACKED.ordinal()]];
            rgb[3 * i] = (byte) (packed >> 16);
            rgb[3 * i + 1] = (byte) (packed >> 8);
            rgb[3 * i + 2] = (byte) packed;
        }
        if (hasNormals) {
            normals[3 * i] = (float) row[roleColumn[Role.NX.ordinal()]];
            normals[3 * i + 1] = (float) row[roleColumn[Role.NY.ordinal()]];
            normals[3 * i + 2] = (float) row[roleColumn[Role.NZ.ordinal()]];
        }
        for (int k = 0; k < fields.length; k++) {
            fields[k].set(i, row[fieldColumn[k]]);
        }
        return finite && Float.isFinite(fx) && Float.isFinite(fy) && Float.isFinite(fz);
    }

    private static final double[] ZERO = new double[3];

    private static double originFor(double v) {
        return Math.abs(v) >= ORIGIN_FROM ? Math.rint(v) : 0;
    }

    private byte colour(double[] row, Role r) {
        int c = roleColumn[r.ordinal()];
        double v = row[c] * columns[c].colourScale();
        long q = Math.round(v);
        return (byte) (q < 0 ? 0 : q > 255 ? 255 : q); // NaN rounds to 0
    }

    private void grow() {
        int capacity = Math.max(1024, size + (size >> 1));
        capacity = Math.min(capacity, Integer.MAX_VALUE / 3);
        if (capacity <= size) {
            throw new IllegalStateException("more than " + size + " points");
        }
        xyz = Arrays.copyOf(xyz, 3 * capacity);
        if (rgb != null) {
            rgb = Arrays.copyOf(rgb, 3 * capacity);
        }
        if (normals != null) {
            normals = Arrays.copyOf(normals, 3 * capacity);
        }
        for (ScalarFieldBuilder f : fields) {
            f.values = Arrays.copyOf(f.values, capacity);
        }
    }

    /** The cloud of the points added so far. */
    PointCloud build(Provenance provenance) {
        if (3 * size != xyz.length) {
            xyz = Arrays.copyOf(xyz, 3 * size);
            rgb = rgb == null ? null : Arrays.copyOf(rgb, 3 * size);
            normals = normals == null ? null : Arrays.copyOf(normals, 3 * size);
            for (ScalarFieldBuilder f : fields) {
                f.values = Arrays.copyOf(f.values, size);
            }
        }
        List<ScalarField> out = new ArrayList<>(fields.length);
        for (ScalarFieldBuilder f : fields) {
            out.add(new ScalarField(f.name, f.values, Double.isNaN(f.offset) ? 0 : f.offset, f.categorical));
        }
        return new PointCloud(origin, xyz, rgb, normals, out, provenance);
    }

    private static final class ScalarFieldBuilder {
        final String name;
        final boolean wide;
        final boolean categorical;
        float[] values;
        /** NaN until the first finite value of a wide field decides it. */
        double offset;

        ScalarFieldBuilder(String name, boolean wide, boolean categorical, int capacity) {
            this.name = name;
            this.wide = wide;
            this.categorical = categorical;
            this.values = new float[capacity];
            this.offset = wide ? Double.NaN : 0;
        }

        void set(int i, double v) {
            if (Double.isNaN(offset) && Double.isFinite(v)) {
                offset = Math.abs(v) >= OFFSET_FROM ? Math.rint(v) : 0;
            }
            values[i] = (float) (Double.isNaN(offset) ? v : v - offset);
        }
    }

    /**
     * A field's name as the file gives it, or {@code scalar_<column>} when the file's name is blank (control
     * characters count as blank): a file may name a column anything, a field needs a visible name.
     */
    static String fieldName(String fromFile, int column) {
        return fromFile == null || fromFile.isBlank() ? "scalar_" + column : fromFile;
    }
}
