package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.attentionworkbench.compute.pointcloud.WriteOptions;
import org.attentionworkbench.compute.pointcloud.format.PointTable.Column;
import org.attentionworkbench.compute.pointcloud.format.PointTable.Role;

/**
 * PCD (Point Cloud Library) v0.7 and the older .5/.6 headers, DATA ascii, binary and
 * binary_compressed (LZF, fields stored one after the other). x y z, normal_x/y/z and the packed
 * {@code rgb}/{@code rgba} (0x00RRGGBB in 4 bytes, TYPE F or U) are read as such, {@code _} padding
 * is skipped, every other field becomes a scalar field; a field with COUNT k up to
 * {@value #MAX_COUNT} becomes the fields name_0 ... name_{k-1}, a longer one (VFH's 308-bin
 * histogram) is skipped. Points with NaN coordinates are kept (PCL marks invalid points so); an
 * organised cloud (HEIGHT > 1) keeps its WIDTH × HEIGHT grid as {@link Provenance}, pixel = index.
 * VIEWPOINT is ignored, as PCL itself does when it reads points.
 *
 * <p>Writes DATA binary: x y z F4 in world coordinates, always: PCL's point types hold floats and its
 * loaders leave an F8 x at 0 ("Failed to find match for field 'x'", checked with PCL 1.13), so a cloud
 * far from 0 loses precision here as it would in PCL itself (LAS and PLY keep it); rgb U4
 * (0xFFRRGGBB, as PCL's PointXYZRGB), normal_x/y/z F4, each field F4 (F8 where it has an offset,
 * U4/I4 for a label of whole numbers);
 * WIDTH × HEIGHT of the provenance when it covers every point in order.
 */
public final class PcdFormat implements PointCloudFormat {
    static final int MAX_COUNT = 64;
    private static final int MAX_HEADER = 1 << 20;
    /** Values per point (Σ COUNT) at most: far more than any PCL point type has. */
    private static final int MAX_VALUES = 1 << 16;

    private record Field(String name, NumType type, int count) {
    }

    private record Header(List<Field> fields, int width, int height, long points, String data, long dataStart,
            long dataLine) {
        int pointStep() {
            int s = 0;
            for (Field f : fields) {
                s += f.type().size * f.count();
            }
            return s;
        }
    }

    @Override
    public String name() {
        return "PCD";
    }

    @Override
    public List<String> extensions() {
        return List.of("pcd");
    }

    @Override
    public boolean sniff(byte[] head, String fileName) {
        String text = new String(head, 0, Math.min(head.length, 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n", -1)) {
            String l = line.trim();
            if (l.startsWith("# .PCD") || l.startsWith("#.PCD")) {
                return true;
            }
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String key = l.split("\\s+")[0].toUpperCase(Locale.ROOT);
            return key.equals("VERSION") || key.equals("FIELDS") || key.equals("COLUMNS");
        }
        return false;
    }

    @Override
    public PointCloud read(Path file, ReadControl control) throws IOException {
        Header h;
        try (FileBytes in = new FileBytes(file, 0, 0, ByteOrder.LITTLE_ENDIAN)) {
            h = header(file, in);
        }
        List<Column> columns = columns(h);
        boolean doubles = h.fields().stream().anyMatch(f -> f.type() == NumType.FLOAT64
                && (f.name().equals("x") || f.name().equals("y") || f.name().equals("z")));
        long available = java.nio.file.Files.size(file) - h.dataStart();
        String where = "DATA " + h.data();
        long step = h.pointStep();
        switch (h.data()) {
            case "binary" -> {
                if (h.points() > available / Math.max(1, step)) {
                    throw new PointCloudException(file, where, h.dataStart(), String.format(Locale.ROOT,
                            "the header promises %d points of %d bytes but only %d bytes follow the header",
                            h.points(), step, available));
                }
            }
            case "ascii" -> {
                long values = columns.size();
                if (h.points() > 0 && h.points() > (available + 1) / (2 * values)) {
                    throw new PointCloudException(file, where, h.dataStart(), String.format(Locale.ROOT,
                            "the header promises %d points of %d values but only %d bytes follow the header",
                            h.points(), values, available));
                }
            }
            default -> {
                // binary_compressed: checked against its own sizes below
            }
        }
        int provenanceBytes = h.height() > 1 ? 4 : 0;
        PointCloud.checkAllocatable(file, where, h.points(), PointTable.bytesPerPoint(columns) + provenanceBytes);
        int n = (int) h.points();
        PointTable table = new PointTable(columns, n, doubles);
        try (FileBytes in = new FileBytes(file, h.dataStart(), (int) Math.min(step, Integer.MAX_VALUE / 4) * 2 + 16,
                ByteOrder.LITTLE_ENDIAN)) {
            switch (h.data()) {
                case "ascii" -> readAscii(file, in, h, table, control);
                case "binary" -> readBinary(file, in, h, table, control);
                default -> readCompressed(file, in, h, table, control);
            }
        }
        control.check(1);
        Provenance provenance = null;
        if (h.height() > 1) {
            int[] pixel = new int[n];
            for (int i = 0; i < n; i++) {
                pixel[i] = i;
            }
            provenance = new Provenance(null, h.width(), h.height(), pixel);
        }
        return table.build(provenance);
    }

    private static Header header(Path file, FileBytes in) throws IOException {
        Map<String, String[]> keys = new HashMap<>();
        Map<String, Long> at = new HashMap<>();
        long lineNo = 0;
        while (true) {
            long offset = in.offset();
            int budget = (int) Math.max(0, MAX_HEADER - offset);
            String line = in.readLine(budget);
            lineNo++;
            if (line == null || !in.lineComplete || budget == 0) {
                throw new PointCloudException(file, "header", offset, line == null
                        ? "file ends before the DATA line" : "no DATA line in the first " + MAX_HEADER + " bytes");
            }
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] t = l.split("\\s+");
            String key = t[0].toUpperCase(Locale.ROOT);
            if (key.equals("COLUMNS")) {
                key = "FIELDS";
            }
            String[] values = java.util.Arrays.copyOfRange(t, 1, t.length);
            switch (key) {
                case "VERSION", "FIELDS", "SIZE", "TYPE", "COUNT", "WIDTH", "HEIGHT", "VIEWPOINT", "POINTS" -> {
                    keys.put(key, values);
                    at.put(key, offset);
                }
                case "DATA" -> {
                    at.put(key, offset);
                    String data = values.length == 1 ? values[0].toLowerCase(Locale.ROOT) : "";
                    if (!data.equals("ascii") && !data.equals("binary") && !data.equals("binary_compressed")) {
                        throw new PointCloudException(file, "header DATA", offset,
                                "'" + l + "' is not DATA ascii, binary or binary_compressed");
                    }
                    return header(file, keys, at, data, in.offset(), lineNo + 1);
                }
                default -> throw new PointCloudException(file, "header", offset, "unknown header line '" + l + "'");
            }
        }
    }

    private static Header header(Path file, Map<String, String[]> keys, Map<String, Long> at, String data,
            long dataStart, long dataLine) throws PointCloudException {
        String[] names = keys.get("FIELDS");
        if (names == null || names.length == 0) {
            throw new PointCloudException(file, "header FIELDS", -1, "no FIELDS line");
        }
        int n = names.length;
        String[] sizes = perField(file, keys, at, "SIZE", n, "4");
        String[] types = perField(file, keys, at, "TYPE", n, "F");
        String[] counts = perField(file, keys, at, "COUNT", n, "1");
        List<Field> fields = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            int size = (int) number(file, "header SIZE", at.getOrDefault("SIZE", -1L), sizes[f], 1, 8);
            NumType type = NumType.pcd(size, types[f]);
            if (type == null) {
                throw new PointCloudException(file, "header TYPE, field " + names[f], at.getOrDefault("TYPE", -1L),
                        "unknown field type " + types[f] + " of SIZE " + size + " (known: I/U 1 2 4 8, F 4 8)");
            }
            int count = (int) number(file, "header COUNT, field " + names[f], at.getOrDefault("COUNT", -1L),
                    counts[f], 1, 1 << 20);
            fields.add(new Field(names[f], type, count));
        }
        long values = fields.stream().mapToLong(Field::count).sum();
        long step = fields.stream().mapToLong(f -> (long) f.count() * f.type().size).sum();
        if (values > MAX_VALUES || step > MAX_VALUES * 8) {
            throw new PointCloudException(file, "header COUNT", at.getOrDefault("COUNT", -1L), "points of " + values
                    + " values (" + step + " bytes) each: more than the " + MAX_VALUES + " values this reader takes");
        }
        for (String axis : new String[] {"x", "y", "z"}) {
            Field f = fields.stream().filter(g -> g.name().equals(axis)).findFirst().orElse(null);
            if (f == null) {
                throw new PointCloudException(file, "header FIELDS", at.get("FIELDS"), "no field " + axis);
            }
            if (f.count() != 1) {
                throw new PointCloudException(file, "header COUNT, field " + axis, at.getOrDefault("COUNT", -1L),
                        "COUNT " + f.count() + " for a coordinate (x y z hold one value each)");
            }
        }
        long points = keys.containsKey("POINTS")
                ? number(file, "header POINTS", at.get("POINTS"), single(file, keys, at, "POINTS"), 0, Long.MAX_VALUE)
                : -1;
        long width = keys.containsKey("WIDTH")
                ? number(file, "header WIDTH", at.get("WIDTH"), single(file, keys, at, "WIDTH"), 0, Integer.MAX_VALUE)
                : points;
        long height = keys.containsKey("HEIGHT")
                ? number(file, "header HEIGHT", at.get("HEIGHT"), single(file, keys, at, "HEIGHT"), 0,
                        Integer.MAX_VALUE)
                : 1;
        if (width < 0) {
            throw new PointCloudException(file, "header", -1, "neither WIDTH nor POINTS");
        }
        if (points < 0) {
            points = width * height;
        }
        if (width * height != points) {
            throw new PointCloudException(file, "header POINTS", at.getOrDefault("POINTS", -1L),
                    "POINTS " + points + " is not WIDTH × HEIGHT = " + width + " × " + height);
        }
        if (height > 1 && width == 0 || points > 0 && height == 0) {
            throw new PointCloudException(file, "header HEIGHT", at.getOrDefault("HEIGHT", -1L),
                    "an organised cloud of " + width + " × " + height);
        }
        return new Header(fields, (int) width, (int) Math.max(1, height), points, data, dataStart, dataLine);
    }

    private static String[] perField(Path file, Map<String, String[]> keys, Map<String, Long> at, String key, int n,
            String fallback) throws PointCloudException {
        String[] v = keys.get(key);
        if (v == null) {
            String[] d = new String[n];
            java.util.Arrays.fill(d, fallback);
            return d;
        }
        if (v.length != n) {
            throw new PointCloudException(file, "header " + key, at.get(key),
                    key + " has " + v.length + " values for " + n + " FIELDS");
        }
        return v;
    }

    private static String single(Path file, Map<String, String[]> keys, Map<String, Long> at, String key)
            throws PointCloudException {
        String[] v = keys.get(key);
        if (v.length != 1) {
            throw new PointCloudException(file, "header " + key, at.get(key), key + " needs one value");
        }
        return v[0];
    }

    private static long number(Path file, String where, long at, String text, long min, long max)
            throws PointCloudException {
        try {
            long v = Long.parseLong(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PointCloudException(file, where, at, "'" + text + "' is not a number from " + min + " to " + max);
    }

    /** One column per value (Σ COUNT): what it becomes. */
    private static List<Column> columns(Header h) {
        Set<String> names = new HashSet<>();
        for (Field f : h.fields()) {
            names.add(f.name());
        }
        boolean normals = names.containsAll(List.of("normal_x", "normal_y", "normal_z"));
        List<Column> cols = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Field f : h.fields()) {
            String n = f.name();
            boolean first = seen.add(n);
            if (n.equals("_") || !first || f.count() > MAX_COUNT) {
                for (int k = 0; k < f.count(); k++) {
                    cols.add(Column.skip(n));
                }
                continue;
            }
            boolean wide = f.type().size >= 4 && f.type() != NumType.FLOAT32;
            if (f.count() > 1) {
                for (int k = 0; k < f.count(); k++) {
                    cols.add(Column.field(n + "_" + k, wide, false));
                }
                continue;
            }
            Role role = switch (n) {
                case "x" -> Role.X;
                case "y" -> Role.Y;
                case "z" -> Role.Z;
                case "rgb", "rgba" -> f.type().size == 4 ? Role.RGB_PACKED : Role.FIELD;
                case "normal_x" -> normals ? Role.NX : Role.FIELD;
                case "normal_y" -> normals ? Role.NY : Role.FIELD;
                case "normal_z" -> normals ? Role.NZ : Role.FIELD;
                default -> Role.FIELD;
            };
            cols.add(role == Role.FIELD ? Column.field(n, wide, f.type().integer && PointTable.isLabel(n))
                    : new Column(n, role, 1, false, false));
        }
        return cols;
    }

    private static void readAscii(Path file, FileBytes in, Header h, PointTable table, ReadControl control)
            throws IOException {
        TextScanner text = new TextScanner(in, 0, h.dataLine());
        int values = 0;
        for (Field f : h.fields()) {
            values += f.count();
        }
        boolean[] floatRgb = new boolean[values];
        String[] fieldOf = new String[values];
        int c = 0;
        for (Field f : h.fields()) {
            for (int k = 0; k < f.count(); k++, c++) {
                floatRgb[c] = table.role(c) == Role.RGB_PACKED && f.type() == NumType.FLOAT32;
                fieldOf[c] = f.name();
            }
        }
        double[] row = new double[values];
        boolean[] bad = new boolean[1];
        long n = h.points();
        for (int i = 0; i < n; i++) {
            if ((i & 0xffff) == 0) {
                control.check((double) i / n);
            }
            if (!text.skipBlankLines()) {
                throw new PointCloudException(file, "DATA ascii", text.offset(),
                        "file ends after " + i + " of " + n + " points");
            }
            for (int v = 0; v < values; v++) {
                if (!text.nextOnLine()) {
                    throw new PointCloudException(file, "DATA ascii, field " + fieldOf[v], text.offset(),
                            "point " + i + " (line " + text.line + ") ends after " + v + " of " + values + " values");
                }
                double d = text.number(bad);
                if (bad[0]) {
                    throw new PointCloudException(file, "DATA ascii, field " + fieldOf[v], text.offset(),
                            "'" + text.tokenText() + "' on line " + text.line + " is not a number");
                }
                // PCL writes a float rgb as its bits' integer value, older files as the float itself
                row[v] = floatRgb[v] && !text.integerToken ? Float.floatToRawIntBits((float) d) & 0xffffffffL : d;
            }
            text.skipLine();
            table.add(row);
        }
    }

    /** Layout of one point's values: offset within the point (AoS) and type, per column. */
    private static void layout(Header h, int[] offsets, NumType[] types) {
        int c = 0;
        int offset = 0;
        for (Field f : h.fields()) {
            for (int k = 0; k < f.count(); k++, c++) {
                offsets[c] = offset;
                types[c] = f.type();
                offset += f.type().size;
            }
        }
    }

    /** The type to read column {@code c} as: a packed colour's 4 bytes as the unsigned int they hold. */
    private static NumType readAs(PointTable table, int c, NumType type) {
        return table.role(c) == Role.RGB_PACKED ? NumType.UINT32 : type;
    }

    private static void readBinary(Path file, FileBytes in, Header h, PointTable table, ReadControl control)
            throws IOException {
        int values = h.fields().stream().mapToInt(Field::count).sum();
        int[] offsets = new int[values];
        NumType[] types = new NumType[values];
        layout(h, offsets, types);
        for (int c = 0; c < values; c++) {
            types[c] = readAs(table, c, types[c]);
        }
        int[] used = usedColumns(table, values);
        int step = h.pointStep();
        double[] row = new double[values];
        long n = h.points();
        for (int i = 0; i < n; i++) {
            if ((i & 0xffff) == 0) {
                control.check((double) i / n);
            }
            if (!in.ensure(step)) {
                throw new PointCloudException(file, "DATA binary", in.offset(),
                        "file ends after " + i + " of " + n + " points");
            }
            int base = in.pos;
            for (int c : used) {
                row[c] = types[c].read(in.buffer, base + offsets[c]);
            }
            in.pos += step;
            table.add(row);
        }
    }

    private static int[] usedColumns(PointTable table, int values) {
        return java.util.stream.IntStream.range(0, values).filter(table::used).toArray();
    }

    private static void readCompressed(Path file, FileBytes in, Header h, PointTable table, ReadControl control)
            throws IOException {
        String where = "DATA binary_compressed";
        long start = in.offset();
        if (!in.ensure(8)) {
            throw new PointCloudException(file, where, start, "file ends before the compressed and uncompressed sizes");
        }
        ByteBuffer sizes = in.buffer;
        long compressed = sizes.getInt(in.pos) & 0xffffffffL;
        long uncompressed = sizes.getInt(in.pos + 4) & 0xffffffffL;
        in.pos += 8;
        // field by field, padding left out (PCL's writer drops '_' fields)
        long expected = 0;
        for (Field f : h.fields()) {
            if (!f.name().equals("_")) {
                expected += (long) f.type().size * f.count() * h.points();
            }
        }
        if (uncompressed != expected) {
            throw new PointCloudException(file, where, start + 4, "uncompressed size " + uncompressed + " is not the "
                    + h.points() + " points × " + (expected / Math.max(1, h.points())) + " bytes = " + expected
                    + " the header's fields need");
        }
        if (compressed > in.remaining()) {
            throw new PointCloudException(file, where, start, "compressed size " + compressed + " is more than the "
                    + in.remaining() + " bytes left in the file");
        }
        if (expected > Integer.MAX_VALUE - 16) {
            throw new PointCloudException(file, where, start,
                    expected + " bytes of points is more than one read can hold");
        }
        // an LZF byte yields at most ~88 bytes (a 3-byte reference copies 264): a bigger promise is a lie
        if (expected > compressed * 90 + 64) {
            throw new PointCloudException(file, where, start, "uncompressed size " + expected
                    + " is more than LZF can make of " + compressed + " bytes");
        }
        byte[] packed = in.readFully((int) compressed);
        if (packed == null) {
            throw new PointCloudException(file, where, start + 8, "file ends inside the compressed data");
        }
        byte[] raw = new byte[(int) expected];
        try {
            Lzf.decompress(packed, 0, packed.length, raw);
        } catch (Lzf.LzfException e) {
            throw new PointCloudException(file, where, start + 8 + e.at, "LZF data: " + e.getMessage());
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int values = h.fields().stream().mapToInt(Field::count).sum();
        int[] blockStart = new int[values];
        int[] stride = new int[values];
        NumType[] types = new NumType[values];
        int c = 0;
        long block = 0;
        for (Field f : h.fields()) {
            for (int k = 0; k < f.count(); k++, c++) {
                types[c] = readAs(table, c, f.type());
                stride[c] = f.type().size * f.count();
                blockStart[c] = (int) (block + (long) k * f.type().size);
            }
            if (!f.name().equals("_")) {
                block += (long) f.type().size * f.count() * h.points();
            }
        }
        int[] used = usedColumns(table, values);
        double[] row = new double[values];
        long n = h.points();
        for (int i = 0; i < n; i++) {
            if ((i & 0xffff) == 0) {
                control.check((double) i / n);
            }
            for (int col : used) {
                row[col] = types[col].read(b, blockStart[col] + i * stride[col]);
            }
            table.add(row);
        }
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PointCloud cloud, Path file, WriteOptions options) throws IOException {
        int n = cloud.size();
        boolean shifted = Writing.needsDoubles(cloud);
        byte[] rgb = cloud.rgb();
        float[] normals = cloud.normals();
        List<ScalarField> fields = cloud.fields();
        StringBuilder names = new StringBuilder("x y z");
        StringBuilder sizes = new StringBuilder("4 4 4");
        StringBuilder types = new StringBuilder("F F F");
        int count = 3;
        Set<String> used = new HashSet<>(List.of("x", "y", "z", "rgb", "normal_x", "normal_y", "normal_z", "_"));
        if (rgb != null) {
            names.append(" rgb");
            sizes.append(" 4");
            types.append(" U");
            count++;
        }
        if (normals != null) {
            names.append(" normal_x normal_y normal_z");
            sizes.append(" 4 4 4");
            types.append(" F F F");
            count += 3;
        }
        Writing.FieldKind[] kinds = new Writing.FieldKind[fields.size()];
        for (int k = 0; k < fields.size(); k++) {
            kinds[k] = Writing.kind(fields.get(k));
            names.append(' ').append(Writing.uniqueName(fields.get(k).name(), used));
            sizes.append(kinds[k] == Writing.FieldKind.DOUBLE ? " 8" : " 4");
            types.append(switch (kinds[k]) {
                case DOUBLE, FLOAT -> " F";
                case INT -> " I";
                case UINT -> " U";
            });
            count++;
        }
        Provenance p = cloud.provenance();
        int width = n;
        int height = 1;
        if (p != null && (long) p.width() * p.height() == n && inOrder(p.pixel())) {
            width = p.width();
            height = p.height();
        }
        String header = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS " + names
                + "\nSIZE " + sizes + "\nTYPE " + types + "\nCOUNT " + "1 ".repeat(count).trim()
                + "\nWIDTH " + width + "\nHEIGHT " + height + "\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS " + n
                + "\nDATA binary\n";
        float[] xyz = cloud.xyz();
        try (FileOutput out = new FileOutput(file)) {
            out.text(header);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 3; a++) {
                    if (shifted) {
                        out.putFloat((float) cloud.coordinate(i, a));
                    } else {
                        out.putFloat(xyz[3 * i + a]);
                    }
                }
                if (rgb != null) {
                    out.putInt(0xff000000 | (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8
                            | rgb[3 * i + 2] & 0xff);
                }
                if (normals != null) {
                    out.putFloat(normals[3 * i]).putFloat(normals[3 * i + 1]).putFloat(normals[3 * i + 2]);
                }
                for (int k = 0; k < fields.size(); k++) {
                    Writing.put(out, fields.get(k), kinds[k], i);
                }
            }
        }
    }

    private static boolean inOrder(int[] pixel) {
        for (int i = 0; i < pixel.length; i++) {
            if (pixel[i] != i) {
                return false;
            }
        }
        return true;
    }
}
