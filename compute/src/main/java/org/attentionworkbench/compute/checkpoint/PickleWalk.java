package org.attentionworkbench.compute.checkpoint;

import java.util.ArrayList;
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
 * itself, stops at {@link #MAX_DEPTH} levels, refuses a container reached by more than {@link #MAX_SHARING}
 * paths, and counts every visit against {@link #MAX_VISITS}.
 */
final class PickleWalk {
    /** Real state_dicts nest a few levels (checkpoint → model → module dicts). */
    static final int MAX_DEPTH = 64;
    /** Paths visited; a state_dict of 100,000 tensors visits about that many. */
    static final long MAX_VISITS = 2_000_000;
    /** Paths that may reach one container; real sharing is a model dict kept twice (model and EMA). */
    static final int MAX_SHARING = 64;

    private final String file;
    private final BiConsumer<String, TorchTensor> sink;
    private final Set<Object> onPath = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** The keys from the root to the value being visited; joined into a name only when one is needed. */
    private final List<String> path = new ArrayList<>();
    private final Map<Object, Integer> reached = new IdentityHashMap<>();
    private long visits;

    private PickleWalk(String file, BiConsumer<String, TorchTensor> sink) {
        this.file = file;
        this.sink = sink;
    }

    /** Calls {@code sink} with each tensor reachable through dicts, lists and tuples; other values are skipped. */
    static void tensors(String file, Object value, BiConsumer<String, TorchTensor> sink) {
        new PickleWalk(file, sink).walk(value, 0);
    }

    private String name() {
        return String.join(".", path);
    }

    private void walk(Object value, int depth) {
        if (++visits > MAX_VISITS) {
            throw new CheckpointException(file, "the pickle's values reach more than " + MAX_VISITS
                    + " paths (containers shared many levels deep); refused as a state_dict");
        }
        if (value instanceof TorchTensor tensor) {
            sink.accept(name(), tensor);
            return;
        }
        List<?> items = value instanceof Tuple t ? t.items() : value instanceof List<?> l ? l : null;
        if (items == null && !(value instanceof Map<?, ?>)) {
            return; // numbers, strings, argparse namespaces: not weights
        }
        if (depth >= MAX_DEPTH) {
            throw new CheckpointException(file, "value at '" + name() + "' is nested more than " + MAX_DEPTH
                    + " levels deep; refused as a state_dict");
        }
        if (!onPath.add(value)) {
            throw new CheckpointException(file, "value at '" + name() + "' contains itself; refused as a state_dict");
        }
        if (reached.merge(value, 1, Integer::sum) > MAX_SHARING) {
            throw new CheckpointException(file, "value at '" + name() + "' is reached by more than " + MAX_SHARING
                    + " paths (one container shared many levels deep); refused as a state_dict");
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                visit(String.valueOf(e.getKey()), e.getValue(), depth);
            }
        } else {
            for (int i = 0; i < items.size(); i++) {
                visit(Integer.toString(i), items.get(i), depth);
            }
        }
        onPath.remove(value);
    }

    private void visit(String key, Object child, int depth) {
        path.add(key);
        walk(child, depth + 1);
        path.remove(path.size() - 1);
    }
}
