package org.attentionworkbench.compute.checkpoint;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.attentionworkbench.compute.checkpoint.Pickle.TorchTensor;
import org.attentionworkbench.compute.checkpoint.Pickle.Tuple;

/**
 * Finds the tensors in an unpickled value, naming each by its path ({"teacher": {"w": t}} gives
 * "teacher.w"). An unpickled value is a graph, not a tree: a list may contain itself, and a few hundred
 * bytes can share one list 64 levels deep, which is 2^64 paths. So the walk refuses a value that contains
 * itself, stops at {@link #MAX_DEPTH} levels, and counts every visit against {@link #MAX_VISITS}.
 */
final class PickleWalk {
    /** Real state_dicts nest a few levels (checkpoint → model → module dicts). */
    static final int MAX_DEPTH = 64;
    /** Paths visited; a state_dict of 100,000 tensors visits about that many. */
    static final long MAX_VISITS = 4_000_000;

    private final String file;
    private final BiConsumer<String, TorchTensor> sink;
    private final Set<Object> onPath = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private long visits;

    private PickleWalk(String file, BiConsumer<String, TorchTensor> sink) {
        this.file = file;
        this.sink = sink;
    }

    /** Calls {@code sink} with each tensor reachable through dicts, lists and tuples; other values are skipped. */
    static void tensors(String file, Object value, BiConsumer<String, TorchTensor> sink) {
        new PickleWalk(file, sink).walk("", value, 0);
    }

    private void walk(String path, Object value, int depth) {
        if (++visits > MAX_VISITS) {
            throw new CheckpointException(file, "the pickle's values reach more than " + MAX_VISITS
                    + " paths (containers shared many levels deep); refused as a state_dict");
        }
        if (value instanceof TorchTensor tensor) {
            sink.accept(path, tensor);
            return;
        }
        List<?> items = value instanceof Tuple t ? t.items() : value instanceof List<?> l ? l : null;
        if (items == null && !(value instanceof Map<?, ?>)) {
            return; // numbers, strings, argparse namespaces: not weights
        }
        if (depth >= MAX_DEPTH) {
            throw new CheckpointException(file, "value at '" + path + "' is nested more than " + MAX_DEPTH
                    + " levels deep; refused as a state_dict");
        }
        if (!onPath.add(value)) {
            throw new CheckpointException(file, "value at '" + path + "' contains itself; refused as a state_dict");
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(join(path, String.valueOf(e.getKey())), e.getValue(), depth + 1);
            }
        } else {
            for (int i = 0; i < items.size(); i++) {
                walk(join(path, Integer.toString(i)), items.get(i), depth + 1);
            }
        }
        onPath.remove(value);
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}
