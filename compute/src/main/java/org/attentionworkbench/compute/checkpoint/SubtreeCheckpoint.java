package org.attentionworkbench.compute.checkpoint;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/** The tensors under one prefix of another checkpoint, renamed without the prefix; closes nothing. */
final class SubtreeCheckpoint implements Checkpoint {
    private final Checkpoint parent;
    private final String prefix;
    private final List<TensorEntry> entries;

    SubtreeCheckpoint(Checkpoint parent, String prefix) {
        this.parent = parent;
        this.prefix = prefix.endsWith(".") ? prefix : prefix + ".";
        this.entries = parent.entries().stream()
                .filter(e -> e.name().startsWith(this.prefix))
                .map(e -> new TensorEntry(e.name().substring(this.prefix.length()), e.dtype(), e.shape()))
                .toList();
        if (entries.isEmpty()) {
            throw new CheckpointException(parent.file(), "no tensor under prefix '" + this.prefix + "'");
        }
    }

    @Override
    public Path path() {
        return parent.path();
    }

    @Override
    public String file() {
        return parent.file();
    }

    @Override
    public String format() {
        return parent.format();
    }

    @Override
    public List<TensorEntry> entries() {
        return entries;
    }

    @Override
    public boolean contains(String name) {
        return parent.contains(prefix + name);
    }

    @Override
    public TensorEntry entry(String name) {
        TensorEntry e = parent.entry(prefix + name);
        return new TensorEntry(name, e.dtype(), e.shape());
    }

    @Override
    public float[] readFloats(String name) {
        return parent.readFloats(prefix + name);
    }

    @Override
    public long[] readLongs(String name) {
        return parent.readLongs(prefix + name);
    }

    @Override
    public FloatBuffer floatView(String name) {
        return parent.floatView(prefix + name);
    }

    @Override
    public boolean hasFloatView(String name) {
        return parent.hasFloatView(prefix + name);
    }

    /** The parent owns the file; closing the view leaves it open. */
    @Override
    public void close() {}
}
