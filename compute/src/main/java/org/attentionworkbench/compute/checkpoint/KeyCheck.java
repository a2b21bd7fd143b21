package org.attentionworkbench.compute.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the tensors a model expects (names and shapes) with a checkpoint, and reports every
 * difference at once: missing keys, unexpected keys and shape mismatches (as nanoGPT's from_pretrained
 * does before copying anything).
 */
public final class KeyCheck {
    private final Map<String, int[]> expected = new LinkedHashMap<>();
    private boolean allowUnexpected;

    /** One differing key. */
    public record Mismatch(String key, int[] expected, int[] found) {
        @Override
        public String toString() {
            return key + ": expected " + Arrays.toString(expected) + ", found " + Arrays.toString(found);
        }
    }

    /** The outcome of {@link #compare}. */
    public record Result(List<String> missing, List<String> unexpected, List<Mismatch> shapes) {
        public boolean ok() {
            return missing.isEmpty() && unexpected.isEmpty() && shapes.isEmpty();
        }
    }

    public KeyCheck expect(String key, int... shape) {
        expected.put(key, shape.clone());
        return this;
    }

    /** Extra tensors in the checkpoint (optimizer state, buffers the model recomputes) are not an error. */
    public KeyCheck allowUnexpected() {
        allowUnexpected = true;
        return this;
    }

    public Result compare(Checkpoint checkpoint) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<Mismatch> shapes = new ArrayList<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            if (!checkpoint.contains(e.getKey())) {
                missing.add(e.getKey());
                continue;
            }
            int[] found = checkpoint.entry(e.getKey()).shape();
            if (!Arrays.equals(found, e.getValue())) {
                shapes.add(new Mismatch(e.getKey(), e.getValue(), found));
            }
        }
        if (!allowUnexpected) {
            for (TensorEntry t : checkpoint.entries()) {
                if (!expected.containsKey(t.name())) {
                    unexpected.add(t.name());
                }
            }
        }
        return new Result(List.copyOf(missing), List.copyOf(unexpected), List.copyOf(shapes));
    }

    /** Fails with one message listing every difference. */
    public void verify(Checkpoint checkpoint) {
        Result r = compare(checkpoint);
        if (r.ok()) {
            return;
        }
        StringBuilder sb = new StringBuilder("checkpoint does not match the model:");
        if (!r.missing().isEmpty()) {
            sb.append("\n  missing keys (").append(r.missing().size()).append("): ").append(r.missing());
        }
        if (!r.unexpected().isEmpty()) {
            sb.append("\n  unexpected keys (").append(r.unexpected().size()).append("): ").append(r.unexpected());
        }
        if (!r.shapes().isEmpty()) {
            sb.append("\n  shape mismatches (").append(r.shapes().size()).append("): ").append(r.shapes());
        }
        throw new CheckpointException(checkpoint.file(), sb.toString());
    }
}
