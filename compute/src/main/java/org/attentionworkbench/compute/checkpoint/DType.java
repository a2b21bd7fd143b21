package org.attentionworkbench.compute.checkpoint;

/** Element types found in checkpoints. Only the floating types convert to F32. */
public enum DType {
    F64(8, true),
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    I64(8, false),
    I32(4, false),
    I16(2, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int bytes;
    private final boolean floating;

    DType(int bytes, boolean floating) {
        this.bytes = bytes;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether {@link Checkpoint#readFloats} can convert this type. */
    public boolean convertsToFloat() {
        return floating;
    }
}
