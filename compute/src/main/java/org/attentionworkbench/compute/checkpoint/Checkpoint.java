package org.attentionworkbench.compute.checkpoint;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A file of named tensors (safetensors, PyTorch zip, ONNX initializers), read on the host.
 *
 * <p>Readers map the file and decode lazily: opening reads only the index, {@link #readFloats} converts
 * one tensor to F32, and {@link #floatView} hands out F32 data without copying where the file allows it.
 * Every failure is a {@link CheckpointException} naming the file and the key.
 */
public interface Checkpoint extends AutoCloseable {

    /** The file, or null when the checkpoint was read from a stream (see {@link #file()}). */
    Path path();

    /** The name used in messages: the path, or a resource label. */
    String file();

    /** Short format name: "safetensors", "pytorch", "onnx". */
    String format();

    /** Tensors in file order. */
    List<TensorEntry> entries();

    /** Whether a tensor of this name exists. */
    boolean contains(String name);

    /** The entry of a tensor; a missing name fails with the file, the key and a few existing keys. */
    TensorEntry entry(String name);

    /** The tensor converted to F32, row-major over its logical shape (strided views materialised). */
    float[] readFloats(String name);

    /** An integer tensor (I64, I32, I16, I8, U8, BOOL) widened to long, row-major. */
    long[] readLongs(String name);

    /**
     * A read-only F32 view of the file's bytes without copying, for a contiguous F32 tensor; any other
     * tensor fails (use {@link #readFloats}). The view stays valid while the mapping is reachable.
     */
    FloatBuffer floatView(String name);

    /** Whether {@link #floatView} works for this tensor. */
    boolean hasFloatView(String name);

    /**
     * The tensors whose names start with {@code prefix + "."}, renamed without it, e.g.
     * {@code subtree("teacher")} of a DINO checkpoint or {@code subtree("model")} of a training snapshot.
     */
    default Checkpoint subtree(String prefix) {
        return new SubtreeCheckpoint(this, prefix);
    }

    @Override
    void close();
}
