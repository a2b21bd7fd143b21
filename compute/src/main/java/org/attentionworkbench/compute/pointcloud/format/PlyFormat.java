package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.ByteOrder;
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
 * PLY (Stanford polygon files): ascii, binary_little_endian and binary_big_endian. The vertex
 * element's x y z become positions, red green blue (or diffuse_*) colours, nx ny nz normals and
 * every other property a scalar field; other elements (faces) are skipped. A vertex with a
 * non-finite coordinate is refused with its byte offset (PLY has no notion of an invalid point).
 *
 * <p>Writes binary little-endian (or ascii): float x y z, or double where the cloud has a non-zero
 * origin; uchar colours; float normals; each field as float (double where it has an offset, uint/int
 * for a label of whole numbers).
 */
public final class PlyFormat implements PointCloudFormat {
    private static final int MAX_HEADER = 1 << 20;

    private enum Encoding { ASCII, LITTLE, BIG }

    /** One property: a scalar of {@code type}, or a list when {@code countType} is set. */
    private record Property(String name, NumType type, NumType countType) {
        boolean isList() {
            return countType != null;
        }
    }

    private record Element(String name, long count, List<Property> properties) {
        /** Bytes of one binary instance: exact without lists, the least possible with them. */
        long minSize() {
            long s = 0;
            for (Property p : properties) {
                s += p.isList() ? p.countType().size : p.type().size;
            }
            return s;
        }

        boolean hasLists() {
            return properties.stream().anyMatch(Property::isList);
        }
    }

    private record Header(Encoding encoding, List<Element> elements, long dataStart, long firstDataLine) {
    }

    @Override
    public String name() {
        return "PLY";
    }

    @Override
    public List<String> extensions() {
        return List.of("ply");
    }

    @Override
    public boolean sniff(byte[] head, String fileName) {
        return head.length >= 4 && head[0] == 'p' && head[1] == 'l' && head[2] == 'y'
                && (head[3] == '\n' || head[3] == '\r');
    }

    @Override
    public PointCloud read(Path file, ReadControl control) throws IOException {
        Header h;
        try (FileBytes in = new FileBytes(file, 0, 0, ByteOrder.LITTLE_ENDIAN)) {
            h = header(file, in);
        }
        int vertexIndex = -1;
        for (int e = 0; e < h.elements().size() && vertexIndex < 0; e++) {
            if (h.elements().get(e).name().equals("vertex")) {
                vertexIndex = e;
            }
        }
        if (vertexIndex < 0) {
            throw new PointCloudException(file, "header", -1, "no 'element vertex' (a PLY point cloud needs one)");
        }
        Element vertex = h.elements().get(vertexIndex);
        List<Column> columns = columns(file, vertex);
        boolean doubles = vertex.properties().stream()
                .anyMatch(p -> !p.isList() && p.type() == NumType.FLOAT64 && isCoordinate(p.name()));
        String where = "element vertex";
        long fileSize = java.nio.file.Files.size(file);
        long available = fileSize - h.dataStart();
        // the least the elements up to the vertices can take, checked before anything is allocated
        long need = 0;
        for (int e = 0; e <= vertexIndex; e++) {
            Element el = h.elements().get(e);
            long per = h.encoding() == Encoding.ASCII ? (e == vertexIndex ? 2L * el.properties().size() : 1)
                    : el.minSize();
            need = saturatingAdd(need, saturatingMultiply(el.count(), per));
        }
        if (h.encoding() == Encoding.ASCII && vertex.count() > 0) {
            need--; // the last value needs no line end
        }
        if (need > available) {
            throw new PointCloudException(file, where, h.dataStart(), String.format(Locale.ROOT,
                    "the header promises %d vertices (at least %d bytes with the elements before them) "
                            + "but only %d bytes follow the header", vertex.count(), need, available));
        }
        PointCloud.checkAllocatable(file, where, vertex.count(), PointTable.bytesPerPoint(columns));
        int count = (int) vertex.count();
        PointTable table = new PointTable(columns, count, doubles);
        ByteOrder order = h.encoding() == Encoding.BIG ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int minRecord = (int) Math.min(Integer.MAX_VALUE / 2, vertex.minSize());
        try (FileBytes in = new FileBytes(file, h.dataStart(), 2 * minRecord + 16, order)) {
            if (h.encoding() == Encoding.ASCII) {
                TextScanner text = new TextScanner(in, 0, h.firstDataLine());
                for (int e = 0; e < vertexIndex; e++) {
                    skipAscii(file, text, h.elements().get(e));
                }
                readAscii(file, text, vertex, table, control);
            } else {
                for (int e = 0; e < vertexIndex; e++) {
                    skipBinary(file, in, h.elements().get(e));
                }
                readBinary(file, in, vertex, table, control);
            }
        }
        control.check(1);
        return table.build(null);
    }

    private static boolean isCoordinate(String name) {
        return name.equals("x") || name.equals("y") || name.equals("z");
    }

    private static Header header(Path file, FileBytes in) throws IOException {
        String first = in.readLine(16);
        if (!"ply".equals(first)) {
            throw new PointCloudException(file, "header", 0, "does not start with 'ply'");
        }
        Encoding encoding = null;
        List<Element> elements = new ArrayList<>();
        List<Property> current = null;
        long lineNo = 1;
        while (true) {
            long at = in.offset();
            int budget = (int) Math.max(0, MAX_HEADER - at);
            String line = in.readLine(budget);
            lineNo++;
            if (line == null || !in.lineComplete || budget == 0) {
                throw new PointCloudException(file, "header", at, line == null
                        ? "file ends before 'end_header'" : "no 'end_header' in the first " + MAX_HEADER + " bytes");
            }
            String[] t = line.trim().split("\\s+");
            switch (t[0]) {
                case "end_header" -> {
                    if (encoding == null) {
                        throw new PointCloudException(file, "header", at, "no 'format' line");
                    }
                    return new Header(encoding, elements, in.offset(), lineNo + 1);
                }
                case "format" -> {
                    if (t.length < 2) {
                        throw new PointCloudException(file, "header", at, "'format' without an encoding");
                    }
                    encoding = switch (t[1]) {
                        case "ascii" -> Encoding.ASCII;
                        case "binary_little_endian" -> Encoding.LITTLE;
                        case "binary_big_endian" -> Encoding.BIG;
                        default -> throw new PointCloudException(file, "header", at,
                                "unknown format '" + t[1]
                                        + "' (known: ascii, binary_little_endian, binary_big_endian)");
                    };
                }
                case "comment", "obj_info", "" -> {
                    // notes for people
                }
                case "element" -> {
                    if (t.length != 3) {
                        throw new PointCloudException(file, "header", at, "'" + line + "' is not 'element NAME COUNT'");
                    }
                    long count;
                    try {
                        count = Long.parseLong(t[2]);
                    } catch (NumberFormatException e) {
                        count = -1;
                    }
                    if (count < 0) {
                        throw new PointCloudException(file, "element " + t[1], at,
                                "count '" + t[2] + "' is not a count");
                    }
                    current = new ArrayList<>();
                    elements.add(new Element(t[1], count, current));
                }
                case "property" -> {
                    if (current == null) {
                        throw new PointCloudException(file, "header", at, "property before any element");
                    }
                    String where = "element " + elements.get(elements.size() - 1).name();
                    if (t.length == 5 && t[1].equals("list")) {
                        NumType countType = type(file, where + ", property " + t[4], at, t[2]);
                        NumType itemType = type(file, where + ", property " + t[4], at, t[3]);
                        if (!countType.integer) {
                            throw new PointCloudException(file, where + ", property " + t[4], at,
                                    "list count type '" + t[2] + "' is not an integer type");
                        }
                        current.add(new Property(t[4], itemType, countType));
                    } else if (t.length == 3) {
                        current.add(new Property(t[2], type(file, where + ", property " + t[2], at, t[1]), null));
                    } else {
                        throw new PointCloudException(file, where, at,
                                "'" + line + "' is not 'property TYPE NAME' or 'property list COUNT_TYPE TYPE NAME'");
                    }
                }
                default -> throw new PointCloudException(file, "header", at, "unknown header line '" + line + "'");
            }
        }
    }

    private static NumType type(Path file, String where, long at, String name) throws PointCloudException {
        NumType t = NumType.ply(name);
        if (t == null || t == NumType.INT64 || t == NumType.UINT64) {
            throw new PointCloudException(file, where, at, "unknown property type '" + name
                    + "' (known: char uchar short ushort int uint float double, int8 ... float64)");
        }
        return t;
    }

    /** What each vertex property becomes (lists are skipped). */
    private static List<Column> columns(Path file, Element vertex) throws PointCloudException {
        List<Column> cols = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Property p : vertex.properties()) {
            if (!p.isList()) {
                names.add(p.name());
            }
        }
        for (String axis : new String[] {"x", "y", "z"}) {
            if (!names.contains(axis)) {
                throw new PointCloudException(file, "element vertex", -1, "no property " + axis
                        + (vertex.properties().stream().anyMatch(p -> p.name().equals(axis)) ? " (only a list)" : ""));
            }
        }
        boolean rgb = names.containsAll(List.of("red", "green", "blue"));
        boolean diffuse = !rgb && names.containsAll(List.of("diffuse_red", "diffuse_green", "diffuse_blue"));
        boolean normals = names.containsAll(List.of("nx", "ny", "nz"));
        Set<String> seen = new HashSet<>();
        for (Property p : vertex.properties()) {
            String n = p.name();
            if (p.isList() || !seen.add(n)) {
                cols.add(Column.skip(n));
                continue;
            }
            Role role = switch (n) {
                case "x" -> Role.X;
                case "y" -> Role.Y;
                case "z" -> Role.Z;
                case "red" -> rgb ? Role.RED : Role.FIELD;
                case "green" -> rgb ? Role.GREEN : Role.FIELD;
                case "blue" -> rgb ? Role.BLUE : Role.FIELD;
                case "diffuse_red" -> diffuse ? Role.RED : Role.FIELD;
                case "diffuse_green" -> diffuse ? Role.GREEN : Role.FIELD;
                case "diffuse_blue" -> diffuse ? Role.BLUE : Role.FIELD;
                case "nx" -> normals ? Role.NX : Role.FIELD;
                case "ny" -> normals ? Role.NY : Role.FIELD;
                case "nz" -> normals ? Role.NZ : Role.FIELD;
                default -> Role.FIELD;
            };
            NumType t = p.type();
            if (role == Role.FIELD) {
                boolean wide = t.size >= 4 && t != NumType.FLOAT32;
                cols.add(Column.field(n, wide, t.integer && PointTable.isLabel(n)));
            } else {
                double scale = !t.integer ? 255 : t == NumType.UINT16 ? 1 / 257.0 : 1;
                cols.add(new Column(n, role, scale, false, false));
            }
        }
        return cols;
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        return hi != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private static void readBinary(Path file, FileBytes in, Element vertex, PointTable table, ReadControl control)
            throws IOException {
        List<Property> props = vertex.properties();
        int n = props.size();
        NumType[] types = new NumType[n];
        int[] offsets = new int[n];
        boolean[] used = new boolean[n];
        int stride = 0;
        for (int p = 0; p < n; p++) {
            types[p] = props.get(p).type();
            offsets[p] = stride;
            used[p] = table.used(p);
            stride += props.get(p).isList() ? props.get(p).countType().size : types[p].size;
        }
        boolean lists = vertex.hasLists();
        double[] row = new double[n];
        long count = vertex.count();
        for (int i = 0; i < count; i++) {
            if ((i & 0xffff) == 0) {
                control.check((double) i / count);
            }
            long start = in.offset();
            if (!lists) {
                if (!in.ensure(stride)) {
                    throw truncated(file, in.offset(), i, count);
                }
                int base = in.pos;
                for (int p = 0; p < n; p++) {
                    if (used[p]) {
                        row[p] = types[p].read(in.buffer, base + offsets[p]);
                    }
                }
                in.pos += stride;
            } else {
                for (int p = 0; p < n; p++) {
                    Property prop = props.get(p);
                    NumType t = prop.isList() ? prop.countType() : types[p];
                    if (!in.ensure(t.size)) {
                        throw truncated(file, in.offset(), i, count);
                    }
                    double v = t.read(in.buffer, in.pos);
                    in.pos += t.size;
                    if (prop.isList()) {
                        if (v < 0 || !in.skip((long) v * prop.type().size)) {
                            throw listProblem(file, "vertex", prop, in.offset(), i, v);
                        }
                    } else {
                        row[p] = v;
                    }
                }
            }
            if (!table.add(row)) {
                throw nonFinite(file, start, i, row, table);
            }
        }
    }

    private static void readAscii(Path file, TextScanner text, Element vertex, PointTable table, ReadControl control)
            throws IOException {
        List<Property> props = vertex.properties();
        int n = props.size();
        double[] row = new double[n];
        boolean[] bad = new boolean[1];
        long count = vertex.count();
        for (int i = 0; i < count; i++) {
            if ((i & 0xffff) == 0) {
                control.check((double) i / count);
            }
            if (!text.skipBlankLines()) {
                throw truncated(file, text.offset(), i, count);
            }
            long start = text.offset();
            for (int p = 0; p < n; p++) {
                Property prop = props.get(p);
                long items = prop.isList() ? -1 : 0;
                do {
                    if (!text.nextOnLine()) {
                        throw new PointCloudException(file, "element vertex, property " + prop.name(), text.offset(),
                                "vertex " + i + " (line " + text.line + ") ends after " + p + " of " + n + " values");
                    }
                    double v = text.number(bad);
                    if (bad[0]) {
                        throw new PointCloudException(file, "element vertex, property " + prop.name(), text.offset(),
                                "'" + text.tokenText() + "' on line " + text.line + " is not a number");
                    }
                    if (items < 0) {
                        if (v < 0 || v != Math.rint(v)) {
                            throw listProblem(file, "vertex", prop, text.offset(), i, v);
                        }
                        items = (long) v;
                    } else if (prop.isList()) {
                        items--;
                    } else {
                        row[p] = v;
                    }
                } while (items > 0);
            }
            text.skipLine();
            if (!table.add(row)) {
                throw nonFinite(file, start, i, row, table);
            }
        }
    }

    private static void skipBinary(Path file, FileBytes in, Element e) throws IOException {
        if (!e.hasLists()) {
            long bytes = saturatingMultiply(e.count(), e.minSize());
            if (!in.skip(bytes)) {
                throw new PointCloudException(file, "element " + e.name(), in.offset(),
                        "file ends inside the " + e.count() + " " + e.name() + " elements");
            }
            return;
        }
        for (long i = 0; i < e.count(); i++) {
            for (Property p : e.properties()) {
                NumType t = p.isList() ? p.countType() : p.type();
                if (!in.ensure(t.size)) {
                    throw new PointCloudException(file, "element " + e.name() + ", property " + p.name(), in.offset(),
                            "file ends after " + i + " of " + e.count() + " " + e.name() + " elements");
                }
                double v = t.read(in.buffer, in.pos);
                in.pos += t.size;
                if (p.isList() && (v < 0 || !in.skip((long) v * p.type().size))) {
                    throw listProblem(file, e.name(), p, in.offset(), i, v);
                }
            }
        }
    }

    /** ASCII elements before the vertices: one line each. */
    private static void skipAscii(Path file, TextScanner text, Element e) throws IOException {
        for (long i = 0; i < e.count(); i++) {
            if (!text.skipBlankLines() || !text.skipLine() && i + 1 < e.count()) {
                throw new PointCloudException(file, "element " + e.name(), text.offset(),
                        "file ends after " + i + " of " + e.count() + " " + e.name() + " elements");
            }
        }
    }

    private static PointCloudException truncated(Path file, long offset, long done, long count) {
        return new PointCloudException(file, "element vertex", offset,
                "file ends after " + done + " of " + count + " vertices");
    }

    private static PointCloudException listProblem(Path file, String element, Property p, long offset, long index,
            double count) {
        return new PointCloudException(file, "element " + element + ", property " + p.name(), offset,
                count < 0 || count != Math.rint(count) ? element + " " + index + " has list length " + count
                        : "file ends inside the list of " + element + " " + index + " (" + (long) count + " items)");
    }

    private static PointCloudException nonFinite(Path file, long offset, int index, double[] row, PointTable t) {
        return new PointCloudException(file, "element vertex", offset, "vertex " + index
                + " has a non-finite coordinate (PLY has no invalid points): " + coordinates(row, t));
    }

    static String coordinates(double[] row, PointTable t) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            Role r = t.role(c);
            if (r == Role.X || r == Role.Y || r == Role.Z) {
                b.append(b.isEmpty() ? "" : " ").append(r.name().toLowerCase(Locale.ROOT)).append('=').append(row[c]);
            }
        }
        return b.toString();
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PointCloud input, Path file, WriteOptions options) throws IOException {
        PointCloud cloud = Writing.finitePoints(input);
        boolean ascii = options.ascii();
        boolean doubles = Writing.needsDoubles(cloud);
        int n = cloud.size();
        StringBuilder h = new StringBuilder("ply\nformat ")
                .append(ascii ? "ascii" : "binary_little_endian").append(" 1.0\n")
                .append("comment written by Attention Workbench\n")
                .append("element vertex ").append(n).append('\n');
        String coord = doubles ? "double" : "float";
        h.append("property ").append(coord).append(" x\nproperty ").append(coord).append(" y\nproperty ")
                .append(coord).append(" z\n");
        Set<String> used = new HashSet<>(List.of("x", "y", "z", "red", "green", "blue", "nx", "ny", "nz"));
        byte[] rgb = cloud.rgb();
        float[] normals = cloud.normals();
        if (rgb != null) {
            h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        if (normals != null) {
            h.append("property float nx\nproperty float ny\nproperty float nz\n");
        }
        List<ScalarField> fields = cloud.fields();
        Writing.FieldKind[] kinds = new Writing.FieldKind[fields.size()];
        for (int k = 0; k < fields.size(); k++) {
            ScalarField f = fields.get(k);
            kinds[k] = Writing.kind(f);
            String type = switch (kinds[k]) {
                case DOUBLE -> "double ";
                case FLOAT -> "float ";
                case INT -> "int ";
                case UINT -> "uint ";
            };
            h.append("property ").append(type).append(Writing.uniqueName(f.name(), used)).append('\n');
        }
        h.append("end_header\n");
        try (FileOutput out = new FileOutput(file)) {
            out.text(h.toString());
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < n; i++) {
                if (ascii) {
                    out.text(Writing.textRow(line, cloud, i, doubles, kinds));
                } else {
                    for (int a = 0; a < 3; a++) {
                        if (doubles) {
                            out.putDouble(cloud.coordinate(i, a));
                        } else {
                            out.putFloat(cloud.xyz()[3 * i + a]);
                        }
                    }
                    if (rgb != null) {
                        out.putByte(rgb[3 * i]).putByte(rgb[3 * i + 1]).putByte(rgb[3 * i + 2]);
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
    }
}
