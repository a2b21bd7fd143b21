package org.attentionworkbench.compute.checkpoint;

import java.util.Arrays;
import java.util.List;

/**
 * A node attribute. Exactly one value is set, according to {@link #kind}; a TENSOR attribute (the
 * value of a Constant node) decodes through {@link #tensorFloats} / {@link #tensorLongs}.
 */
public final class OnnxAttribute {
    /** AttributeProto.AttributeType values this reader keeps. */
    public enum Kind { FLOAT, INT, STRING, TENSOR, FLOATS, INTS, STRINGS, OTHER }

    private final String file;
    private final String name;
    private final Kind kind;
    private final float f;
    private final long i;
    private final String s;
    private final float[] floats;
    private final long[] ints;
    private final List<String> strings;
    private final StoredTensor tensor;

    OnnxAttribute(String file, String name, Kind kind, float f, long i, String s, float[] floats, long[] ints,
            List<String> strings, StoredTensor tensor) {
        this.file = file;
        this.name = name;
        this.kind = kind;
        this.f = f;
        this.i = i;
        this.s = s;
        this.floats = floats;
        this.ints = ints;
        this.strings = strings == null ? List.of() : List.copyOf(strings);
        this.tensor = tensor;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    private void expect(Kind k) {
        if (kind != k) {
            throw new CheckpointException(file, "attribute '" + name + "' is " + kind + ", not " + k);
        }
    }

    public float asFloat() {
        expect(Kind.FLOAT);
        return f;
    }

    public long asLong() {
        expect(Kind.INT);
        return i;
    }

    public String asString() {
        expect(Kind.STRING);
        return s;
    }

    public float[] asFloats() {
        expect(Kind.FLOATS);
        return floats.clone();
    }

    public long[] asLongs() {
        expect(Kind.INTS);
        return ints.clone();
    }

    public List<String> asStrings() {
        expect(Kind.STRINGS);
        return strings;
    }

    /** Name, type and shape of a TENSOR attribute. */
    public TensorEntry tensorEntry() {
        expect(Kind.TENSOR);
        return tensor.entry();
    }

    public float[] tensorFloats() {
        expect(Kind.TENSOR);
        return BaseCheckpoint.floats(file, tensor);
    }

    public long[] tensorLongs() {
        expect(Kind.TENSOR);
        return BaseCheckpoint.longs(file, tensor);
    }

    @Override
    public String toString() {
        return name + "=" + switch (kind) {
            case FLOAT -> Float.toString(f);
            case INT -> Long.toString(i);
            case STRING -> "'" + s + "'";
            case FLOATS -> Arrays.toString(floats);
            case INTS -> Arrays.toString(ints);
            case STRINGS -> strings.toString();
            case TENSOR -> tensor.entry().toString();
            case OTHER -> "(not read)";
        };
    }
}
