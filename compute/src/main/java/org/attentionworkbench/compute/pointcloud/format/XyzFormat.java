package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.attentionworkbench.compute.pointcloud.WriteOptions;
import org.attentionworkbench.compute.pointcloud.format.PointTable.Column;
import org.attentionworkbench.compute.pointcloud.format.PointTable.Role;

/**
 * Text point clouds (.xyz .txt .csv .pts .asc): one point per line, {@code x y z} then optional
 * colours, normals and scalars, separated by spaces, tabs, commas or semicolons (found from the
 * first data line). Header lines before the data are skipped; the last one names the columns
 * when it has one name per column (CloudCompare's {@code //X,Y,Z,R,G,B,Intensity}); a PTS count
 * line is skipped. Without names, columns 4-6 are normals when they are unit vectors, colours when
 * they are 0..255 integers or 0..1 fractions (then PTS's x y z intensity r g b is tried); the rest
 * are fields scalar_N (N the column, from 0). Lines starting with # or // are skipped anywhere.
 * A point with a non-finite coordinate is refused with its line and offset, as in PLY.
 *
 * <p>Writes {@code //X Y Z [R G B] [Nx Ny Nz] [fields]} and one line per finite point, each number
 * in the shortest form that reads back to the same value.
 */
public final class XyzFormat implements PointCloudFormat {
    private static final int SAMPLE_BYTES = 1 << 16;
    private static final int SAMPLE_LINES = 1000;

    @Override
    public String name() {
        return "XYZ";
    }

    @Override
    public List<String> extensions() {
        return List.of("xyz", "txt", "csv", "pts", "asc");
    }

    @Override
    public boolean sniff(byte[] head, String fileName) {
        int digits = 0;
        int other = 0;
        for (byte b : head) {
            if (b == 0 || (b < 32 && b != '\n' && b != '\r' && b != '\t') || b < 0) {
                return false; // binary, or not plain ASCII
            }
            if (b >= '0' && b <= '9') {
                digits++;
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                other++;
            }
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int dataLines = 0;
        for (String line : text.split("\n")) {
            if (numbers(line) >= 3) {
                dataLines++;
            }
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean named = extensions().stream().anyMatch(e -> lower.endsWith("." + e));
        if (dataLines == 0 && named && head.length < 4096) { // an empty cloud: only a header naming x y z
            String first = text.strip().replaceFirst("^(//|#)\\s*", "").toLowerCase(Locale.ROOT);
            return !first.contains("\n") && tokens(first).containsAll(List.of("x", "y", "z"));
        }
        return dataLines >= 1 && (named || digits > other);
    }

    /** How many numbers a line holds, or 0 when any of its tokens is not a number. */
    private static int numbers(String line) {
        List<String> t = tokens(line);
        for (String s : t) {
            if (!isNumber(s)) {
                return 0;
            }
        }
        return t.size();
    }

    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        for (String s : line.trim().split("[\\s,;]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isNumber(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (List.of("nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity").contains(l)) {
            return true;
        }
        if (l.isEmpty() || l.endsWith("d") || l.endsWith("f") || l.contains("x") || l.contains("n")) {
            return false;
        }
        try {
            Double.parseDouble(l);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The start of the file: header lines, the first data lines (parsed) and where the data starts. */
    private record Sample(List<String> header, List<double[]> rows, List<boolean[]> integers, int separator,
            int columns, long dataStart, long dataLine, double bytesPerLine) {
    }

    @Override
    public PointCloud read(Path file, ReadControl control) throws IOException {
        Sample s;
        try (FileBytes in = new FileBytes(file, 0, 0, ByteOrder.LITTLE_ENDIAN)) {
            s = sample(file, in);
        }
        List<Column> columns = columns(s);
        long fileSize = java.nio.file.Files.size(file);
        long estimate = (long) Math.ceil((fileSize - s.dataStart()) / s.bytesPerLine());
        PointCloud.checkAllocatable(file, "data", estimate, PointTable.bytesPerPoint(columns));
        int capacity = (int) Math.min(estimate + 16, Integer.MAX_VALUE / 3);
        PointTable table = new PointTable(columns, capacity, true);
        long checkedUpTo = capacity; // more points than estimated: check again before the arrays grow
        int n = s.columns();
        double[] row = new double[n];
        boolean[] bad = new boolean[1];
        try (FileBytes in = new FileBytes(file, s.dataStart(), 0, ByteOrder.LITTLE_ENDIAN)) {
            TextScanner text = new TextScanner(in, s.separator(), s.dataLine());
            long total = Math.max(1, fileSize - s.dataStart());
            for (int i = 0; ; ) {
                if (!text.skipBlankLines()) {
                    break;
                }
                int first = text.peek();
                if (first == '#' || first == '/') {
                    text.skipLine();
                    continue;
                }
                if ((i & 0xffff) == 0) {
                    control.check((double) (in.offset() - s.dataStart()) / total);
                }
                long start = text.offset();
                for (int c = 0; c < n; c++) {
                    if (!text.nextOnLine()) {
                        throw new PointCloudException(file, "line " + text.line + ", column " + (c + 1), text.offset(),
                                "has " + c + " of the " + n + " values of the first data line");
                    }
                    row[c] = text.number(bad);
                    if (bad[0]) {
                        throw new PointCloudException(file, "line " + text.line + ", column " + (c + 1), text.offset(),
                                "'" + text.tokenText() + "' is not a number");
                    }
                }
                long line = text.line;
                text.skipLine(); // values past the first line's count are ignored
                if (table.size() == Integer.MAX_VALUE / 3) {
                    throw new PointCloudException(file, "line " + line, start, "more points than one cloud can hold");
                }
                if (table.size() >= checkedUpTo) {
                    checkedUpTo = checkedUpTo * 3 / 2 + 1024;
                    PointCloud.checkAllocatable(file, "line " + line, checkedUpTo, PointTable.bytesPerPoint(columns));
                }
                if (!table.add(row)) {
                    throw new PointCloudException(file, "line " + line, start,
                            "point " + i + " has a non-finite coordinate: " + PlyFormat.coordinates(row, table));
                }
                i++;
            }
        }
        control.check(1);
        return table.build(null);
    }

    private static Sample sample(Path file, FileBytes in) throws IOException {
        List<String> header = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<boolean[]> integers = new ArrayList<>();
        int separator = 0;
        int columns = 0;
        long dataStart = -1;
        long dataLine = 0;
        long lineNo = 0;
        long dataBytes = 0;
        while (rows.size() < SAMPLE_LINES && in.offset() < SAMPLE_BYTES) {
            long at = in.offset();
            String line = in.readLine(SAMPLE_BYTES);
            if (line == null) {
                break;
            }
            lineNo++;
            String t = line.trim();
            if (t.isEmpty() || (dataStart >= 0 && (t.startsWith("#") || t.startsWith("/")))) {
                continue;
            }
            if (dataStart < 0) {
                int k = numbers(t);
                if (k < 3) {
                    header.add(t);
                    if (header.size() > 100) {
                        break;
                    }
                    continue;
                }
                dataStart = at;
                dataLine = lineNo;
                separator = t.indexOf(';') >= 0 ? ';' : t.indexOf(',') >= 0 ? ',' : 0;
                columns = k;
            }
            List<String> tok = tokens(t);
            if (tok.size() < columns) {
                throw new PointCloudException(file, "line " + lineNo + ", column " + (tok.size() + 1), at,
                        "has " + tok.size() + " of the " + columns + " values of the first data line");
            }
            double[] r = new double[columns];
            boolean[] ints = new boolean[columns];
            for (int c = 0; c < columns; c++) {
                String v = tok.get(c);
                if (!isNumber(v)) {
                    throw new PointCloudException(file, "line " + lineNo + ", column " + (c + 1), at,
                            "'" + v + "' is not a number");
                }
                String lower = v.toLowerCase(Locale.ROOT);
                r[c] = lower.contains("nan") ? Double.NaN : lower.contains("inf")
                        ? (lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                        : Double.parseDouble(v);
                ints[c] = !v.contains(".") && !lower.contains("e") && Double.isFinite(r[c]);
            }
            rows.add(r);
            integers.add(ints);
            dataBytes += line.length() + 1;
        }
        if (dataStart < 0 && in.remaining() == 0 && !header.isEmpty()) {
            // a header that names x y z and no points: an empty cloud, as the writer writes one
            List<String> names = tokens(header.get(header.size() - 1).replaceFirst("^(//|#)\\s*", ""));
            List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
            if (lower.containsAll(List.of("x", "y", "z"))) {
                return new Sample(header, rows, integers, 0, names.size(), in.offset(), lineNo + 1, 6);
            }
        }
        if (dataStart < 0) {
            throw new PointCloudException(file, "data", in.offset(),
                    "no line with 3 or more numbers (x y z) in the first " + lineNo + " lines");
        }
        return new Sample(header, rows, integers, separator, columns, dataStart, dataLine,
                Math.max(6, (double) dataBytes / rows.size()));
    }

    /** What each column is: by the header's names when it has one per column, else by the values. */
    private static List<Column> columns(Sample s) {
        int n = s.columns();
        List<String> names = null;
        if (!s.header().isEmpty()) {
            String last = s.header().get(s.header().size() - 1).replaceFirst("^(//|#)\\s*", "");
            List<String> t = tokens(last);
            if (t.size() == n) {
                names = t;
            }
        }
        Role[] roles = new Role[n];
        String[] labels = new String[n];
        double[] scale = new double[n];
        for (int c = 0; c < n; c++) {
            roles[c] = Role.FIELD;
            labels[c] = names != null ? names.get(c) : "scalar_" + c;
        }
        boolean named = false;
        if (names != null) {
            for (int c = 0; c < n; c++) {
                roles[c] = switch (names.get(c).toLowerCase(Locale.ROOT)) {
                    case "x" -> Role.X;
                    case "y" -> Role.Y;
                    case "z" -> Role.Z;
                    case "r", "red", "diffuse_red" -> Role.RED;
                    case "g", "green", "diffuse_green" -> Role.GREEN;
                    case "b", "blue", "diffuse_blue" -> Role.BLUE;
                    case "nx", "normal_x" -> Role.NX;
                    case "ny", "normal_y" -> Role.NY;
                    case "nz", "normal_z" -> Role.NZ;
                    default -> Role.FIELD;
                };
            }
            named = index(roles, Role.X) >= 0 && index(roles, Role.Y) >= 0 && index(roles, Role.Z) >= 0;
            if (!named) { // names without x y z (Easting Northing ...): the first three are the position
                for (int c = 0; c < n; c++) {
                    roles[c] = Role.FIELD;
                }
            }
            int r = index(roles, Role.RED);
            if (named && r >= 0 && index(roles, Role.GREEN) >= 0 && index(roles, Role.BLUE) >= 0) {
                double sc = colourScale(s, new int[] {r, index(roles, Role.GREEN), index(roles, Role.BLUE)});
                for (Role c : new Role[] {Role.RED, Role.GREEN, Role.BLUE}) {
                    scale[index(roles, c)] = Double.isNaN(sc) ? 1 : sc;
                }
            }
        }
        if (!named) {
            roles[0] = Role.X;
            roles[1] = Role.Y;
            roles[2] = Role.Z;
            boolean pts = s.header().size() == 1 && s.header().get(0).matches("\\d+");
            if (n >= 6 && unitVectors(s, 3)) {
                assign(roles, 3, Role.NX, Role.NY, Role.NZ);
                if (n >= 9) {
                    colours(s, roles, scale, 6);
                }
            } else if (n >= 6 && colours(s, roles, scale, 3)) {
                if (n >= 9 && unitVectors(s, 6)) {
                    assign(roles, 6, Role.NX, Role.NY, Role.NZ);
                }
            } else if (n >= 7 && colours(s, roles, scale, 4)) {
                labels[3] = pts ? "intensity" : labels[3];
            }
        }
        List<Column> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int c = 0; c < n; c++) {
            if (roles[c] != Role.FIELD) {
                out.add(new Column(labels[c], roles[c], scale[c], false, false));
            } else if (!used.add(labels[c].toLowerCase(Locale.ROOT))) {
                out.add(Column.skip(labels[c]));
            } else {
                boolean integer = true;
                for (boolean[] ints : s.integers()) {
                    integer &= ints[c];
                }
                out.add(Column.field(labels[c], true, integer && PointTable.isLabel(labels[c])));
            }
        }
        return out;
    }

    private static int index(Role[] roles, Role r) {
        for (int c = 0; c < roles.length; c++) {
            if (roles[c] == r) {
                return c;
            }
        }
        return -1;
    }

    private static void assign(Role[] roles, int from, Role a, Role b, Role c) {
        roles[from] = a;
        roles[from + 1] = b;
        roles[from + 2] = c;
    }

    /** Marks columns from..from+2 as colours when their sampled values look like colours. */
    private static boolean colours(Sample s, Role[] roles, double[] scale, int from) {
        double sc = colourScale(s, new int[] {from, from + 1, from + 2});
        if (Double.isNaN(sc)) {
            return false;
        }
        assign(roles, from, Role.RED, Role.GREEN, Role.BLUE);
        scale[from] = scale[from + 1] = scale[from + 2] = sc;
        return true;
    }

    /** 1 for 0..255 integers, 1/257 for 16-bit ones, 255 for 0..1 fractions; NaN for no colour. */
    private static double colourScale(Sample s, int[] cols) {
        boolean integers = true;
        double max = 0;
        for (int k = 0; k < s.rows().size(); k++) {
            for (int c : cols) {
                double v = s.rows().get(k)[c];
                if (!(v >= 0 && v <= 65535)) {
                    return Double.NaN;
                }
                integers &= s.integers().get(k)[c];
                max = Math.max(max, v);
            }
        }
        if (integers) {
            return max <= 255 ? 1 : 1 / 257.0;
        }
        return max <= 1 ? 255 : Double.NaN;
    }

    private static boolean unitVectors(Sample s, int from) {
        boolean any = false;
        for (double[] r : s.rows()) {
            double len = Math.sqrt(r[from] * r[from] + r[from + 1] * r[from + 1] + r[from + 2] * r[from + 2]);
            if (len == 0) {
                continue;
            }
            if (!(Math.abs(len - 1) < 0.02)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PointCloud input, Path file, WriteOptions options) throws IOException {
        PointCloud cloud = Writing.finitePoints(input);
        boolean doubles = Writing.needsDoubles(cloud);
        byte[] rgb = cloud.rgb();
        float[] normals = cloud.normals();
        List<ScalarField> fields = cloud.fields();
        StringBuilder h = new StringBuilder("//X Y Z");
        if (rgb != null) {
            h.append(" R G B");
        }
        if (normals != null) {
            h.append(" Nx Ny Nz");
        }
        Set<String> used = new HashSet<>(List.of("x", "y", "z", "r", "g", "b", "nx", "ny", "nz", "red", "green",
                "blue", "normal_x", "normal_y", "normal_z"));
        Writing.FieldKind[] kinds = new Writing.FieldKind[fields.size()];
        for (int k = 0; k < fields.size(); k++) {
            h.append(' ').append(Writing.uniqueName(fields.get(k).name(), used));
            kinds[k] = Writing.kind(fields.get(k));
        }
        try (FileOutput out = new FileOutput(file)) {
            out.text(h.append('\n').toString());
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < cloud.size(); i++) {
                out.text(Writing.textRow(line, cloud, i, doubles, kinds));
            }
        }
    }
}
