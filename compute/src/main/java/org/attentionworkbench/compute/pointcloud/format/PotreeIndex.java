package org.attentionworkbench.compute.pointcloud.format;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * A Potree 1.x octree (PotreeConverter 1.x): {@code cloud.js} and one file per node, so a
 * level-of-detail renderer can load node by node ({@link #nodes}, {@link #readNode}) and
 * {@link #readAll} gives the whole cloud.
 *
 * <p>cloud.js keys used: version, octreeDir, boundingBox {lx, ly, lz, ux, uy, uz} (a cube),
 * pointAttributes ("LAS", "LAZ" or an array of BIN attribute names), spacing, scale, and the
 * hierarchy: versions up to 1.4 list it inline ({@code hierarchy: [[name, points], ...]}, node files
 * {@code octreeDir/name.ext}); 1.5 and later keep it in {@code .hrc} files of 5-byte records (child
 * mask u8, point count u32 LE) in breadth-first order, one per {@code hierarchyStepSize} levels, and
 * node files in {@code octreeDir/r/<digits in groups of hierarchyStepSize>/name.ext}.
 *
 * <p>LAS/LAZ node files carry their own scale and offset (the lion sample's are offset 0 with the
 * node's cube as header bounds; PotreeConverter 1.7 writes the node's minimum as offset), so their
 * world coordinates come from their headers. BIN positions are uint32 × scale from the node's
 * minimum (floats from it before version 1.4). Every node is read around one origin, the cloud's
 * minimum rounded down, so nodes merge without conversion. When the hierarchy's point count and the
 * node file disagree, the node file decides (the hierarchy only sizes progress).
 */
public final class PotreeIndex {
    private static final long MAX_INDEX_BYTES = 256L << 20;
    private static final Map<String, Integer> BIN_SIZES = Map.ofEntries(
            Map.entry("POSITION_CARTESIAN", 12), Map.entry("COLOR_PACKED", 4), Map.entry("RGBA_PACKED", 4),
            Map.entry("RGB_PACKED", 3), Map.entry("INTENSITY", 2), Map.entry("CLASSIFICATION", 1),
            Map.entry("RETURN_NUMBER", 1), Map.entry("NUMBER_OF_RETURNS", 1), Map.entry("SOURCE_ID", 2),
            Map.entry("GPS_TIME", 8), Map.entry("NORMAL_SPHEREMAPPED", 2), Map.entry("NORMAL_OCT16", 2),
            Map.entry("NORMAL_FLOATS", 12), Map.entry("NORMAL", 12), Map.entry("FILLER_1B", 1));

    private final Path cloudJs;
    private final String version;
    private final boolean newLayout;
    private final Path octreeDir;
    private final Bounds boundingBox;
    private final double spacing;
    private final double scale;
    /** "LAS", "LAZ" or "BIN". */
    private final String nodeFormat;
    private final List<String> binAttributes;
    private final int stepSize;
    private final double[] origin;
    private final List<PotreeNode> nodes = new ArrayList<>();

    private PotreeIndex(Path cloudJs, JsonObject js) throws IOException {
        this.cloudJs = cloudJs;
        this.version = string(js, "version");
        int[] v = parseVersion(version);
        this.newLayout = v[0] > 1 || (v[0] == 1 && v[1] >= 5);
        this.octreeDir = cloudJs.toAbsolutePath().getParent().resolve(string(js, "octreeDir"));
        JsonObject box = object(js, "boundingBox");
        double lx = number(box, "lx");
        double ly = number(box, "ly");
        double lz = number(box, "lz");
        this.boundingBox = new Bounds(lx, ly, lz, number(box, "ux"), number(box, "uy"), number(box, "uz"));
        if (!(boundingBox.maxX() >= lx && boundingBox.maxY() >= ly && boundingBox.maxZ() >= lz)) {
            throw new PointCloudException(cloudJs, "key 'boundingBox'", -1, "upper corner below the lower one: " + boundingBox);
        }
        this.spacing = number(js, "spacing");
        JsonElement attributes = js.get("pointAttributes");
        if (attributes == null) {
            throw missing("pointAttributes");
        }
        List<String> bin = new ArrayList<>();
        if (attributes.isJsonArray()) {
            nodeFormat = "BIN";
            for (JsonElement a : attributes.getAsJsonArray()) {
                String name = a.isJsonPrimitive() ? a.getAsString() : String.valueOf(a);
                if (!BIN_SIZES.containsKey(name)) {
                    throw new PointCloudException(cloudJs, "key 'pointAttributes'", -1, "unknown point attribute "
                            + name + " (known: " + BIN_SIZES.keySet().stream().sorted().toList() + ")");
                }
                bin.add(name);
            }
            if (!bin.contains("POSITION_CARTESIAN")) {
                throw new PointCloudException(cloudJs, "key 'pointAttributes'", -1, "no POSITION_CARTESIAN");
            }
        } else if (attributes.isJsonPrimitive() && List.of("LAS", "LAZ").contains(attributes.getAsString())) {
            nodeFormat = attributes.getAsString();
        } else {
            throw new PointCloudException(cloudJs, "key 'pointAttributes'", -1,
                    "expected \"LAS\", \"LAZ\" or an array of attribute names, got " + attributes);
        }
        this.binAttributes = List.copyOf(bin);
        this.scale = js.has("scale") ? number(js, "scale") : Double.NaN;
        if (nodeFormat.equals("BIN") && !(scale > 0 && Double.isFinite(scale))) {
            throw new PointCloudException(cloudJs, "key 'scale'", -1, "BIN nodes need a positive scale, got " + js.get("scale"));
        }
        this.stepSize = newLayout ? (int) number(js, "hierarchyStepSize") : 0;
        if (newLayout && (stepSize < 1 || stepSize > 32)) {
            throw new PointCloudException(cloudJs, "key 'hierarchyStepSize'", -1, "must be 1..32, got " + stepSize);
        }
        this.origin = new double[] {Math.floor(lx), Math.floor(ly), Math.floor(lz)};
        if (newLayout) {
            readHrcFiles();
        } else {
            JsonElement h = js.get("hierarchy");
            if (h == null || !h.isJsonArray()) {
                throw new PointCloudException(cloudJs, "key 'hierarchy'", -1,
                        "version " + version + " needs an inline hierarchy array ([[name, points], ...])");
            }
            readInlineHierarchy(h.getAsJsonArray());
        }
        nodes.sort(Comparator.comparingInt(PotreeNode::level).thenComparing(PotreeNode::name));
    }

    /** Opens a Potree 1.x octree: its folder (holding cloud.js) or the cloud.js file itself. */
    public static PotreeIndex open(Path path) throws IOException {
        Path js = Files.isDirectory(path) ? path.resolve("cloud.js") : path;
        if (!Files.isRegularFile(js)) {
            throw new PointCloudException(path, "no cloud.js in this folder (not a Potree 1.x octree)");
        }
        if (Files.size(js) > MAX_INDEX_BYTES) {
            throw new PointCloudException(js, "cloud.js of " + Files.size(js) + " bytes is too large for an index");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(js, StandardCharsets.UTF_8));
        } catch (JsonParseException | IOException e) {
            throw new PointCloudException(js, "JSON", -1, "not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new PointCloudException(js, "JSON", -1, "expected an object, got " + abbreviate(root));
        }
        try {
            return new PotreeIndex(js, root.getAsJsonObject());
        } catch (IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new PointCloudException(js, "JSON", -1, "unexpected value: " + e.getMessage(), e);
        }
    }

    public Path cloudJs() {
        return cloudJs;
    }

    public String version() {
        return version;
    }

    /** The octree's cube (cloud.js boundingBox). */
    public Bounds boundingBox() {
        return boundingBox;
    }

    /** Spacing of the root's points; a node at level L has spacing / 2^L. */
    public double spacing() {
        return spacing;
    }

    /** "LAS", "LAZ" or "BIN": the format of the node files. */
    public String nodeFormat() {
        return nodeFormat;
    }

    /** The origin every node is read around (the bounding box's minimum, rounded down). */
    public double[] origin() {
        return origin.clone();
    }

    /** Every node, root first, then level by level in name order. */
    public List<PotreeNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Total points as the hierarchy states them. */
    public long pointCount() {
        long sum = 0;
        for (PotreeNode n : nodes) {
            sum += n.pointCount();
        }
        return sum;
    }

    /** One node's points in world coordinates through {@link #origin()}. */
    public PointCloud readNode(PotreeNode node) throws IOException {
        if (!Files.isRegularFile(node.file())) {
            throw new PointCloudException(node.file(), "node " + node.name(), -1,
                    "node file missing: " + node.file().toAbsolutePath());
        }
        return switch (nodeFormat) {
            case "LAS" -> LasFormat.read(node.file(), origin, ReadControl.NONE);
            case "LAZ" -> LazFormat.read(node.file(), origin, ReadControl.NONE);
            default -> readBin(node);
        };
    }

    /** Every node merged into one cloud, with progress over the points the hierarchy lists. */
    public PointCloud readAll(ReadControl control) throws IOException {
        long total = Math.max(1, pointCount());
        long done = 0;
        List<PointCloud> parts = new ArrayList<>(nodes.size());
        long size = 0;
        for (PotreeNode node : nodes) {
            control.check((double) done / total);
            PointCloud part = readNode(node);
            size += part.size();
            PointCloud.checkAllocatable(cloudJs, "all nodes", size, 2 * LasColumns.bytesPerPoint(part.hasRgb(),
                    part.normals() != null, part.fields().size()));
            parts.add(part);
            done += node.pointCount();
        }
        control.check(1);
        return merge(origin, parts);
    }

    // ---- hierarchy

    private void readInlineHierarchy(JsonArray hierarchy) throws PointCloudException {
        Map<String, PotreeNode> byName = new HashMap<>();
        for (int k = 0; k < hierarchy.size(); k++) {
            JsonElement e = hierarchy.get(k);
            if (!e.isJsonArray() || e.getAsJsonArray().size() < 2 || !e.getAsJsonArray().get(0).isJsonPrimitive()
                    || !e.getAsJsonArray().get(1).isJsonPrimitive()) {
                throw new PointCloudException(cloudJs, "hierarchy[" + k + "]", -1, "expected [name, points], got " + abbreviate(e));
            }
            String name = e.getAsJsonArray().get(0).getAsString();
            long count = e.getAsJsonArray().get(1).getAsLong();
            checkName(name, "hierarchy[" + k + "]");
            if (count < 0) {
                throw new PointCloudException(cloudJs, "hierarchy[" + k + "]", -1, "node " + name + " has " + count + " points");
            }
            if (name.length() > 1 && !byName.containsKey(name.substring(0, name.length() - 1))) {
                throw new PointCloudException(cloudJs, "hierarchy[" + k + "]", -1,
                        "node " + name + " comes before (or without) its parent " + name.substring(0, name.length() - 1));
            }
            if (byName.containsKey(name)) {
                throw new PointCloudException(cloudJs, "hierarchy[" + k + "]", -1, "node " + name + " is listed twice");
            }
            PotreeNode node = node(name, count);
            byName.put(name, node);
            nodes.add(node);
        }
        if (!byName.containsKey("r")) {
            throw new PointCloudException(cloudJs, "key 'hierarchy'", -1, "no root node 'r'");
        }
    }

    /** Reads the .hrc files breadth-first, starting with the root's. */
    private void readHrcFiles() throws IOException {
        Deque<String> hrcRoots = new ArrayDeque<>();
        hrcRoots.add("r");
        while (!hrcRoots.isEmpty()) {
            String rootName = hrcRoots.poll();
            Path file = octreeDir.resolve(hierarchyPath(rootName)).resolve(rootName + ".hrc");
            if (!Files.isRegularFile(file)) {
                throw new PointCloudException(file, "node " + rootName, -1, "hierarchy file missing: " + file);
            }
            long size = Files.size(file);
            if (size > MAX_INDEX_BYTES || size < 5) {
                throw new PointCloudException(file, "node " + rootName, -1, "hierarchy file of " + size
                        + " bytes (expected 5-byte records, the first for the node itself)");
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            record Pending(String name, int mask) { }
            Deque<Pending> queue = new ArrayDeque<>();
            queue.add(new Pending(rootName, b.get(0) & 0xff));
            if (rootName.equals("r")) { // deeper roots were listed, with their counts, by the file above
                nodes.add(node(rootName, b.getInt(1) & 0xffffffffL));
            }
            int at = 5;
            int rootLevel = rootName.length() - 1;
            while (!queue.isEmpty()) {
                Pending p = queue.poll();
                if (p.name().length() - 1 - rootLevel >= stepSize) {
                    if (p.mask() != 0) {
                        hrcRoots.add(p.name()); // its children are in its own .hrc
                    }
                    continue;
                }
                for (int child = 0; child < 8; child++) {
                    if ((p.mask() & (1 << child)) == 0) {
                        continue;
                    }
                    String name = p.name() + child;
                    if (at + 5 > b.capacity()) {
                        throw new PointCloudException(file, "node " + name, at,
                                "hierarchy file ends before the record of " + name + " (child of " + p.name() + ")");
                    }
                    checkName(name, "node " + name);
                    queue.add(new Pending(name, b.get(at) & 0xff));
                    nodes.add(node(name, b.getInt(at + 1) & 0xffffffffL));
                    at += 5;
                }
            }
            if (at != b.capacity()) {
                throw new PointCloudException(file, "node " + rootName, at,
                        (b.capacity() - at) + " bytes after the last record the child masks lead to");
            }
        }
    }

    private void checkName(String name, String where) throws PointCloudException {
        if (!name.matches("r[0-7]{0,40}")) {
            throw new PointCloudException(cloudJs, where, -1, "node name '" + name + "' is not r followed by digits 0-7");
        }
    }

    /** The node's place: its cube from the digits of its name, its spacing and file. */
    private PotreeNode node(String name, long count) {
        double[] lo = boundingBox.min();
        double[] hi = boundingBox.max();
        for (int k = 1; k < name.length(); k++) {
            int d = name.charAt(k) - '0';
            for (int a = 0; a < 3; a++) {
                double mid = (lo[a] + hi[a]) / 2;
                // child index bits: 4 = upper x half, 2 = upper y half, 1 = upper z half
                if ((d & (4 >> a)) != 0) {
                    lo[a] = mid;
                } else {
                    hi[a] = mid;
                }
            }
        }
        int level = name.length() - 1;
        String ext = "." + nodeFormat.toLowerCase();
        Path file = newLayout ? octreeDir.resolve(hierarchyPath(name)).resolve(name + ext) : octreeDir.resolve(name + ext);
        return new PotreeNode(name, level, new Bounds(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]),
                spacing / Math.pow(2, level), count, file);
    }

    /** "r" then the name's digits in whole groups of hierarchyStepSize: r0123456 with step 5 → r/01234. */
    private String hierarchyPath(String name) {
        StringBuilder path = new StringBuilder("r");
        String digits = name.substring(1);
        for (int g = 0; g + stepSize <= digits.length(); g += stepSize) {
            path.append('/').append(digits, g, g + stepSize);
        }
        return path.toString();
    }

    // ---- BIN nodes

    private PointCloud readBin(PotreeNode node) throws IOException {
        Path file = node.file();
        int stride = 0;
        for (String a : binAttributes) {
            stride += BIN_SIZES.get(a);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size % stride != 0) {
                throw new PointCloudException(file, "node " + node.name(), size - size % stride, "file has " + size
                        + " bytes, not a whole number of " + stride + "-byte points (" + String.join(", ", binAttributes) + ")");
            }
            long count = size / stride;
            boolean rgb = binAttributes.stream().anyMatch(a -> a.endsWith("_PACKED"));
            boolean normals = binAttributes.stream().anyMatch(a -> a.startsWith("NORMAL"));
            PointCloud.checkAllocatable(file, "node " + node.name(), count,
                    LasColumns.bytesPerPoint(rgb, normals, binAttributes.size()));
            int n = (int) count;
            LasColumns cols = new LasColumns(n, rgb);
            if (normals) {
                cols.normals = new float[3 * n];
            }
            Map<String, LasColumns.Column> fields = new LinkedHashMap<>();
            for (String a : binAttributes) {
                switch (a) {
                    case "INTENSITY" -> fields.put(a, cols.add("intensity", false));
                    case "CLASSIFICATION" -> fields.put(a, cols.add("classification", true));
                    case "RETURN_NUMBER" -> fields.put(a, cols.add("return_number", false));
                    case "NUMBER_OF_RETURNS" -> fields.put(a, cols.add("number_of_returns", false));
                    case "SOURCE_ID" -> fields.put(a, cols.add("point_source_id", true));
                    case "GPS_TIME" -> fields.put(a, cols.add("gps_time", false));
                    default -> { }
                }
            }
            double[] min = node.bounds().min();
            boolean integerPositions = !version.matches("1\\.[0-3](\\..*)?|0\\..*");
            int chunk = Math.max(1, Math.min(Math.min(n, LasFormat.CHECK_EVERY), (8 << 20) / stride));
            ByteBuffer buf = ByteBuffer.allocate(chunk * stride).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < n; start += chunk) {
                int m = Math.min(chunk, n - start);
                buf.clear().limit(m * stride);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, (long) start * stride + buf.position()) < 0) {
                        throw new PointCloudException(file, "node " + node.name(), (long) start * stride + buf.position(),
                                "file ends inside the points (it shrank while being read)");
                    }
                }
                int at = 0;
                for (String a : binAttributes) {
                    decodeBin(a, buf, at, stride, start, m, min, integerPositions, cols, fields.get(a));
                    at += BIN_SIZES.get(a);
                }
            }
            return cols.build(origin);
        }
    }

    private void decodeBin(String attribute, ByteBuffer buf, int at, int stride, int start, int m, double[] min,
            boolean integerPositions, LasColumns cols, LasColumns.Column field) {
        for (int k = 0; k < m; k++) {
            int b = k * stride + at;
            int i = start + k;
            switch (attribute) {
                case "POSITION_CARTESIAN" -> {
                    for (int a = 0; a < 3; a++) {
                        double local = integerPositions ? (buf.getInt(b + 4 * a) & 0xffffffffL) * scale : buf.getFloat(b + 4 * a);
                        cols.xyz[3 * i + a] = (float) (local + (min[a] - origin[a]));
                    }
                }
                case "COLOR_PACKED", "RGBA_PACKED", "RGB_PACKED" -> {
                    for (int c = 0; c < 3; c++) {
                        cols.rgb16[3 * i + c] = (char) (buf.get(b + c) & 0xff);
                    }
                }
                case "INTENSITY", "SOURCE_ID" -> field.values[i] = buf.getChar(b);
                case "CLASSIFICATION", "RETURN_NUMBER", "NUMBER_OF_RETURNS" -> field.values[i] = buf.get(b) & 0xff;
                case "GPS_TIME" -> {
                    double t = buf.getDouble(b);
                    if (i == 0) {
                        field.offset = Double.isFinite(t) ? Math.floor(t) : 0;
                    }
                    field.values[i] = (float) (t - field.offset);
                }
                case "NORMAL_OCT16" -> octahedral(cols.normals, i, buf.get(b) & 0xff, buf.get(b + 1) & 0xff);
                case "NORMAL_SPHEREMAPPED" -> sphereMapped(cols.normals, i, buf.get(b) & 0xff, buf.get(b + 1) & 0xff);
                case "NORMAL_FLOATS", "NORMAL" -> {
                    for (int a = 0; a < 3; a++) {
                        cols.normals[3 * i + a] = buf.getFloat(b + 4 * a);
                    }
                }
                default -> { } // FILLER_1B
            }
        }
    }

    /** Octahedral normal in two bytes (PotreeConverter's NORMAL_OCT16: u, v in [-1, 1] as (u + 1) × 128). */
    static void octahedral(float[] normals, int i, int bx, int by) {
        double u = bx / 255.0 * 2 - 1;
        double v = by / 255.0 * 2 - 1;
        double z = 1 - Math.abs(u) - Math.abs(v);
        double x = u;
        double y = v;
        if (z < 0) {
            x = (1 - Math.abs(v)) * (u >= 0 ? 1 : -1);
            y = (1 - Math.abs(u)) * (v >= 0 ? 1 : -1);
        }
        normalise(normals, i, x, y, z);
    }

    /** Sphere-mapped normal in two bytes (PotreeConverter's NORMAL_SPHEREMAPPED, Potree's decoder). */
    static void sphereMapped(float[] normals, int i, int bx, int by) {
        double nx = bx / 255.0 * 2 - 1;
        double ny = by / 255.0 * 2 - 1;
        double l = 1 - nx * nx - ny * ny;
        double r = Math.sqrt(Math.max(0, l));
        normalise(normals, i, 2 * nx * r, 2 * ny * r, 2 * l - 1);
    }

    private static void normalise(float[] normals, int i, double x, double y, double z) {
        double len = Math.sqrt(x * x + y * y + z * z);
        double s = len > 0 ? 1 / len : 0;
        normals[3 * i] = (float) (x * s);
        normals[3 * i + 1] = (float) (y * s);
        normals[3 * i + 2] = (float) (z * s);
    }

    // ---- merging

    /** The parts (all around {@code origin}) as one cloud; a field missing from a part is 0 there. */
    static PointCloud merge(double[] origin, List<PointCloud> parts) {
        int n = 0;
        boolean rgb = false;
        boolean normals = false;
        Map<String, ScalarField> layout = new LinkedHashMap<>();
        for (PointCloud p : parts) {
            n += p.size();
            rgb |= p.hasRgb();
            normals |= p.normals() != null;
            for (ScalarField f : p.fields()) {
                layout.putIfAbsent(f.name(), f);
            }
        }
        float[] xyz = new float[3 * n];
        byte[] colours = rgb ? new byte[3 * n] : null;
        float[] norms = normals ? new float[3 * n] : null;
        Map<String, float[]> values = new LinkedHashMap<>();
        for (String name : layout.keySet()) {
            values.put(name, new float[n]);
        }
        int at = 0;
        for (PointCloud p : parts) {
            int m = p.size();
            System.arraycopy(p.xyz(), 0, xyz, 3 * at, 3 * m);
            if (p.hasRgb()) {
                System.arraycopy(p.rgb(), 0, colours, 3 * at, 3 * m);
            }
            if (p.normals() != null) {
                System.arraycopy(p.normals(), 0, norms, 3 * at, 3 * m);
            }
            for (ScalarField f : p.fields()) {
                float[] target = values.get(f.name());
                double shift = f.offset() - layout.get(f.name()).offset();
                if (shift == 0) {
                    System.arraycopy(f.values(), 0, target, at, m);
                } else {
                    for (int i = 0; i < m; i++) {
                        target[at + i] = (float) (f.values()[i] + shift);
                    }
                }
            }
            at += m;
        }
        List<ScalarField> fields = new ArrayList<>();
        for (ScalarField f : layout.values()) {
            fields.add(new ScalarField(f.name(), values.get(f.name()), f.offset(), f.categorical()));
        }
        return new PointCloud(origin, xyz, colours, norms, fields, null);
    }

    // ---- cloud.js helpers

    private PointCloudException missing(String key) {
        return new PointCloudException(cloudJs, "key '" + key + "'", -1, "missing");
    }

    private String string(JsonObject o, String key) throws PointCloudException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw missing(key);
        }
        if (!e.isJsonPrimitive()) {
            throw new PointCloudException(cloudJs, "key '" + key + "'", -1, "expected a string, got " + abbreviate(e));
        }
        return e.getAsString();
    }

    private JsonObject object(JsonObject o, String key) throws PointCloudException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw missing(key);
        }
        if (!e.isJsonObject()) {
            throw new PointCloudException(cloudJs, "key '" + key + "'", -1, "expected an object, got " + abbreviate(e));
        }
        return e.getAsJsonObject();
    }

    private double number(JsonObject o, String key) throws PointCloudException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw missing(key);
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || !Double.isFinite(e.getAsDouble())) {
            throw new PointCloudException(cloudJs, "key '" + key + "'", -1, "expected a finite number, got " + abbreviate(e));
        }
        return e.getAsDouble();
    }

    private int[] parseVersion(String v) throws PointCloudException {
        String[] parts = v.split("\\.");
        try {
            return new int[] {Integer.parseInt(parts[0].trim()), parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0};
        } catch (NumberFormatException e) {
            throw new PointCloudException(cloudJs, "key 'version'", -1, "not a version number: '" + v + "'");
        }
    }

    private static String abbreviate(JsonElement e) {
        String s = String.valueOf(e);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
