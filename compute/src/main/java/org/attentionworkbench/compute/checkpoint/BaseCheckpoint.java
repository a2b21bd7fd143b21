package org.attentionworkbench.compute.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every reader shares: the index of stored tensors and their decoding to host arrays. */
abstract class BaseCheckpoint implements Checkpoint {
    /** Largest Java array; a bigger tensor must be read in parts (not offered yet). */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Path path;
    private final String file;
    private final Map<String, StoredTensor> tensors = new LinkedHashMap<>();

    BaseCheckpoint(Path path, String file) {
        this.path = path;
        this.file = file;
    }

    /** Registers a tensor while indexing; a repeated name is a corrupt file. */
    final void add(StoredTensor t) {
        String name = t.entry().name();
        if (tensors.putIfAbsent(name, t) != null) {
            throw CheckpointException.forKey(file, name, "appears twice");
        }
    }

    @Override
    public final Path path() {
        return path;
    }

    @Override
    public final String file() {
        return file;
    }

    @Override
    public final List<TensorEntry> entries() {
        List<TensorEntry> list = new ArrayList<>(tensors.size());
        for (StoredTensor t : tensors.values()) {
            list.add(t.entry());
        }
        return Collections.unmodifiableList(list);
    }

    @Override
    public final boolean contains(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public final TensorEntry entry(String name) {
        return stored(name).entry();
    }

    final StoredTensor stored(String name) {
        StoredTensor t = tensors.get(name);
        if (t == null) {
            List<String> some = tensors.keySet().stream().limit(5).toList();
            throw CheckpointException.forKey(file, name, "no such tensor; the file has " + tensors.size()
                    + " tensors, e.g. " + some);
        }
        return t;
    }

    @Override
    public final float[] readFloats(String name) {
        return floats(file, stored(name));
    }

    @Override
    public final long[] readLongs(String name) {
        return longs(file, stored(name));
    }

    /** Decodes a stored tensor to F32 (also used for ONNX attribute tensors, which are no entries). */
    static float[] floats(String file, StoredTensor t) {
        String name = t.entry().name();
        DType dtype = t.entry().dtype();
        if (!dtype.convertsToFloat()) {
            throw CheckpointException.forKey(file, name, "dtype " + dtype + " does not convert to F32 (use readLongs)");
        }
        float[] out = new float[arrayLength(file, t, Float.BYTES)];
        ByteBuffer region = region(file, t);
        try {
            if (t.isContiguous()) {
                Decode.floats(out, region, t.offset(), dtype);
            } else {
                Decode.stridedFloats(out, region, t.offset(), t.entry().shape(), t.strides(), dtype);
            }
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw CheckpointException.forKey(file, name, "data runs past its byte range", e);
        }
        return out;
    }

    /** Decodes a stored integer tensor to long. */
    static long[] longs(String file, StoredTensor t) {
        String name = t.entry().name();
        DType dtype = t.entry().dtype();
        if (dtype.convertsToFloat()) {
            throw CheckpointException.forKey(file, name, "dtype " + dtype + " is floating point (use readFloats)");
        }
        long[] out = new long[arrayLength(file, t, Long.BYTES)];
        ByteBuffer region = region(file, t);
        long[] strides = t.isContiguous() ? Layout.contiguousStrides(t.entry().shape()) : t.strides();
        try {
            Decode.stridedLongs(out, region, t.offset(), t.entry().shape(), strides, dtype);
        } catch (IndexOutOfBoundsException e) {
            throw CheckpointException.forKey(file, name, "data runs past its byte range", e);
        }
        return out;
    }

    @Override
    public final boolean hasFloatView(String name) {
        StoredTensor t = stored(name);
        return t.entry().dtype() == DType.F32 && t.isContiguous()
                && (t.offset() + t.entry().size()) * 4 <= Integer.MAX_VALUE;
    }

    @Override
    public final FloatBuffer floatView(String name) {
        StoredTensor t = stored(name);
        if (!hasFloatView(name)) {
            throw CheckpointException.forKey(file, name, "no zero-copy F32 view: dtype " + t.entry().dtype()
                    + (t.isContiguous() ? "" : ", strided") + " (use readFloats)");
        }
        ByteBuffer bytes = region(file, t).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int from = Math.toIntExact(t.offset() * 4);
        bytes.position(from).limit(from + Math.toIntExact(t.entry().size() * 4));
        return bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().asReadOnlyBuffer();
    }

    /** The array length for a tensor, refused before allocation when no array or heap could hold it. */
    private static int arrayLength(String file, StoredTensor t, int bytesPerElement) {
        long n = t.entry().size();
        if (n > MAX_ARRAY) {
            throw CheckpointException.forKey(file, t.entry().name(), n + " elements do not fit one Java array");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (n * bytesPerElement > heap) {
            throw CheckpointException.forKey(file, t.entry().name(), n + " elements need " + n * bytesPerElement
                    + " bytes, more than the whole heap of " + heap + " bytes (raise -Xmx)");
        }
        return (int) n;
    }

    private static ByteBuffer region(String file, StoredTensor t) {
        try {
            return t.region().get().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) {
            throw CheckpointException.forKey(file, t.entry().name(), "cannot read data: " + e, e);
        }
    }

    @Override
    public String toString() {
        return format() + " " + file + " (" + tensors.size() + " tensors)";
    }
}
