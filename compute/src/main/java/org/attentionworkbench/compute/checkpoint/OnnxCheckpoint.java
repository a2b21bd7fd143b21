package org.attentionworkbench.compute.checkpoint;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The initializers (weights) of an ONNX model as a checkpoint, plus its {@link OnnxGraph}. The protobuf
 * wire format is walked directly, ModelProto.graph(7) → GraphProto.node(1)/initializer(5) → TensorProto,
 * so no generated classes are needed; raw_data is not copied but sliced from the mapped file.
 *
 * <p>TensorProto fields read: dims(1), data_type(2), float_data(4), int32_data(5), int64_data(7),
 * name(8), raw_data(9), double_data(10), external_data(13), data_location(14).
 */
public final class OnnxCheckpoint extends BaseCheckpoint {
    private final MappedFile mapped;
    private final ByteBuffer model;
    private long irVersion;
    private String producer = "";
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private OnnxGraph graph;

    private OnnxCheckpoint(Path path, String file, MappedFile mapped, ByteBuffer model) {
        super(path, file);
        this.mapped = mapped;
        this.model = model.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Maps and indexes an .onnx file (protobuf limits a model to 2 GiB). */
    public static OnnxCheckpoint open(Path path) {
        MappedFile mapped = MappedFile.open(path);
        try {
            OnnxCheckpoint c = new OnnxCheckpoint(path, path.toString(), mapped,
                    mapped.region(0, mapped.size(), "model"));
            c.parse();
            return c;
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    /** Reads a model from a stream (a classpath resource); {@code label} names it in messages. */
    public static OnnxCheckpoint read(String label, InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException | OutOfMemoryError e) {
            throw new CheckpointException(label, "cannot read: " + e.getMessage(), e);
        }
        OnnxCheckpoint c = new OnnxCheckpoint(null, label, null, ByteBuffer.wrap(bytes));
        c.parse();
        return c;
    }

    public OnnxGraph graph() {
        return graph;
    }

    public long irVersion() {
        return irVersion;
    }

    public String producer() {
        return producer;
    }

    /** Operator set versions by domain ("" is the default ONNX domain). */
    public Map<String, Long> opsets() {
        return Map.copyOf(opsets);
    }

    @Override
    public String format() {
        return "onnx";
    }

    @Override
    public void close() {
        if (mapped != null) {
            mapped.close();
        }
    }

    // ---- ModelProto -------------------------------------------------------------------------------

    private void parse() {
        CodedInputStream in = CodedInputStream.newInstance(model.duplicate());
        in.setSizeLimit(Integer.MAX_VALUE);
        in.setRecursionLimit(64);
        try {
            boolean sawGraph = false;
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> irVersion = in.readInt64();
                    case 2 -> producer = in.readString();
                    case 7 -> {
                        int old = in.pushLimit(length(in));
                        graph = parseGraph(in);
                        in.popLimit(old);
                        sawGraph = true;
                    }
                    case 8 -> {
                        int old = in.pushLimit(length(in));
                        parseOpset(in);
                        in.popLimit(old);
                    }
                    default -> in.skipField(tag);
                }
            }
            if (!sawGraph) {
                throw new CheckpointException(file(), "onnx: ModelProto without a graph (not an ONNX model?)");
            }
        } catch (IOException e) {
            throw new CheckpointException(file(), "onnx: malformed protobuf: " + e.getMessage(), e);
        }
    }

    private static int length(CodedInputStream in) throws IOException {
        int n = in.readRawVarint32();
        if (n < 0 || n > in.getBytesUntilLimit() && in.getBytesUntilLimit() >= 0) {
            throw new IOException("length " + n + " runs past its enclosing message (truncated)");
        }
        return n;
    }

    private void parseOpset(CodedInputStream in) throws IOException {
        String domain = "";
        long version = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> domain = in.readString();
                case 2 -> version = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        opsets.put(domain, version);
    }

    // ---- GraphProto -------------------------------------------------------------------------------

    private OnnxGraph parseGraph(CodedInputStream in) throws IOException {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag);
            switch (field) {
                case 2 -> name = in.readString();
                case 1, 5, 11, 12 -> {
                    int old = in.pushLimit(length(in));
                    switch (field) {
                        case 1 -> nodes.add(parseNode(in));
                        case 5 -> add(parseTensor(in, "initializer " + (entries().size()), true));
                        case 11 -> inputs.add(parseValueInfoName(in));
                        default -> outputs.add(parseValueInfoName(in));
                    }
                    in.popLimit(old);
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph(name, nodes, inputs, outputs);
    }

    private static String parseValueInfoName(CodedInputStream in) throws IOException {
        String name = "";
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                name = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return name;
    }

    // ---- NodeProto / AttributeProto ---------------------------------------------------------------

    private OnnxNode parseNode(CodedInputStream in) throws IOException {
        String name = "";
        String opType = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, OnnxAttribute> attributes = new LinkedHashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> opType = in.readString();
                case 7 -> domain = in.readString();
                case 5 -> {
                    int old = in.pushLimit(length(in));
                    OnnxAttribute a = parseAttribute(in, name);
                    attributes.put(a.name(), a);
                    in.popLimit(old);
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxNode(name, opType, domain, inputs, outputs, attributes);
    }

    private OnnxAttribute parseAttribute(CodedInputStream in, String nodeName) throws IOException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        StoredTensor tensor = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        List<String> strings = new ArrayList<>();
        boolean sawF = false;
        boolean sawI = false;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 20 -> type = in.readInt32();
                case 2 -> {
                    f = in.readFloat();
                    sawF = true;
                }
                case 3 -> {
                    i = in.readInt64();
                    sawI = true;
                }
                case 4 -> s = in.readStringRequireUtf8();
                case 5 -> {
                    int old = in.pushLimit(length(in));
                    tensor = parseTensor(in, "attribute of node '" + nodeName + "'", false);
                    in.popLimit(old);
                }
                case 7 -> readFloats(in, tag, floats);
                case 8 -> readVarints(in, tag, ints);
                case 9 -> strings.add(in.readStringRequireUtf8());
                default -> in.skipField(tag);
            }
        }
        // AttributeType: FLOAT=1 INT=2 STRING=3 TENSOR=4 GRAPH=5 FLOATS=6 INTS=7 STRINGS=8
        OnnxAttribute.Kind kind = switch (type) {
            case 1 -> OnnxAttribute.Kind.FLOAT;
            case 2 -> OnnxAttribute.Kind.INT;
            case 3 -> OnnxAttribute.Kind.STRING;
            case 4 -> OnnxAttribute.Kind.TENSOR;
            case 6 -> OnnxAttribute.Kind.FLOATS;
            case 7 -> OnnxAttribute.Kind.INTS;
            case 8 -> OnnxAttribute.Kind.STRINGS;
            case 0 -> sawF ? OnnxAttribute.Kind.FLOAT : sawI ? OnnxAttribute.Kind.INT
                    : s != null ? OnnxAttribute.Kind.STRING : tensor != null ? OnnxAttribute.Kind.TENSOR
                    : OnnxAttribute.Kind.OTHER;
            default -> OnnxAttribute.Kind.OTHER;
        };
        if (kind == OnnxAttribute.Kind.TENSOR && tensor == null) {
            throw new CheckpointException(file(), "onnx: tensor attribute '" + name + "' of node '" + nodeName
                    + "' has no tensor");
        }
        return new OnnxAttribute(file(), name, kind, f, i, s, floats.toArray(), ints.toArray(), strings, tensor);
    }

    // ---- TensorProto ------------------------------------------------------------------------------

    private StoredTensor parseTensor(CodedInputStream in, String where, boolean needsName) throws IOException {
        LongList dims = new LongList();
        int dataType = 0;
        String name = "";
        FloatList floatData = new FloatList();
        LongList int32Data = new LongList();
        LongList int64Data = new LongList();
        List<Double> doubleData = new ArrayList<>();
        long rawOffset = -1;
        int rawLength = 0;
        boolean external = false;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readVarints(in, tag, dims);
                case 2 -> dataType = in.readInt32();
                case 4 -> readFloats(in, tag, floatData);
                case 5 -> readVarints(in, tag, int32Data);
                case 7 -> readVarints(in, tag, int64Data);
                case 8 -> name = in.readString();
                case 9 -> {
                    // raw_data stays in the file: remember where it is and skip it
                    rawLength = length(in);
                    rawOffset = in.getTotalBytesRead();
                    in.skipRawBytes(rawLength);
                }
                case 10 -> readDoubles(in, tag, doubleData);
                case 13 -> {
                    external = true;
                    in.skipField(tag);
                }
                case 14 -> external |= in.readInt32() == 1;
                default -> in.skipField(tag);
            }
        }
        String key = name.isEmpty() ? where : name;
        if (needsName && name.isEmpty()) {
            throw new CheckpointException(file(), "onnx: " + where + " has no name");
        }
        if (external) {
            throw CheckpointException.forKey(file(), key, "data is stored outside the model (external data); "
                    + "re-export with all tensors inside the .onnx file");
        }
        DType dtype = onnxType(key, dataType);
        int[] shape = Layout.toShape(file(), key, dims.toArray(), dtype);
        TensorEntry entry = new TensorEntry(key, dtype, shape);
        // 1. raw_data: a slice of the model bytes, checked against shape x dtype
        if (rawOffset >= 0) {
            if (rawLength != entry.byteSize()) {
                throw CheckpointException.forKey(file(), key, "raw_data of " + rawLength + " bytes does not match "
                        + dtype + Arrays.toString(shape) + " = " + entry.byteSize() + " bytes");
            }
            int from = (int) rawOffset;
            int length = rawLength;
            return StoredTensor.contiguous(entry, () -> model.slice(from, length).order(ByteOrder.LITTLE_ENDIAN));
        }
        // 2. typed fields: copied once into little-endian bytes (they are small: constants, shapes)
        ByteBuffer bytes = typedData(key, entry, floatData, int32Data, int64Data, doubleData);
        return StoredTensor.contiguous(entry, () -> bytes);
    }

    private ByteBuffer typedData(String key, TensorEntry entry, FloatList floatData, LongList int32Data,
            LongList int64Data, List<Double> doubleData) {
        DType dtype = entry.dtype();
        long n = entry.size();
        int count = switch (dtype) {
            case F32 -> floatData.size;
            case I64 -> int64Data.size;
            case F64 -> doubleData.size();
            default -> int32Data.size; // F16, BF16, I32, I16, I8, U8, BOOL live in int32_data
        };
        if (count != n) {
            throw CheckpointException.forKey(file(), key, "holds " + count + " values for shape "
                    + Arrays.toString(entry.shape()) + " of " + n + " elements");
        }
        ByteBuffer b = ByteBuffer.allocate((int) entry.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            switch (dtype) {
                case F32 -> b.putFloat(floatData.values[i]);
                case I64 -> b.putLong(int64Data.values[i]);
                case F64 -> b.putDouble(doubleData.get(i));
                case I32 -> b.putInt((int) int32Data.values[i]);
                case F16, BF16, I16 -> b.putShort((short) int32Data.values[i]);
                default -> b.put((byte) int32Data.values[i]);
            }
        }
        return b.flip();
    }

    private DType onnxType(String key, int type) {
        return switch (type) {
            case 1 -> DType.F32;
            case 2 -> DType.U8;
            case 3 -> DType.I8;
            case 5 -> DType.I16;
            case 6 -> DType.I32;
            case 7 -> DType.I64;
            case 9 -> DType.BOOL;
            case 10 -> DType.F16;
            case 11 -> DType.F64;
            case 16 -> DType.BF16;
            default -> throw CheckpointException.forKey(file(), key, "unsupported ONNX data_type " + type
                    + " (supported: FLOAT, FLOAT16, BFLOAT16, DOUBLE, INT64, INT32, INT16, INT8, UINT8, BOOL)");
        };
    }

    // ---- repeated scalars, packed or not ----------------------------------------------------------

    private static void readVarints(CodedInputStream in, int tag, LongList out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int old = in.pushLimit(length(in));
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readInt64());
            }
            in.popLimit(old);
        } else {
            out.add(in.readInt64());
        }
    }

    private static void readFloats(CodedInputStream in, int tag, FloatList out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int old = in.pushLimit(length(in));
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readFloat());
            }
            in.popLimit(old);
        } else {
            out.add(in.readFloat());
        }
    }

    private static void readDoubles(CodedInputStream in, int tag, List<Double> out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int old = in.pushLimit(length(in));
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readDouble());
            }
            in.popLimit(old);
        } else {
            out.add(in.readDouble());
        }
    }

    /** Growable primitive lists; they grow with bytes actually read, so a forged count cannot allocate. */
    private static final class LongList {
        long[] values = new long[8];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private static final class FloatList {
        float[] values = new float[8];
        int size;

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
