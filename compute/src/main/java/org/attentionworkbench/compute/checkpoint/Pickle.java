package org.attentionworkbench.compute.checkpoint;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The inert Java values an allow-listed pickle turns into. Nothing here runs code. A pickle can build
 * lists that contain themselves or share one list many levels deep, so nothing here may walk a value
 * without a bound: messages use {@link #brief}, dict keys are checked by {@link #hashableKey}.
 */
final class Pickle {
    private Pickle() {}

    /** Deepest tuple accepted as a dict key or set member (state_dict keys are strings or ints). */
    static final int MAX_KEY_DEPTH = 4;

    /**
     * Whether a value may be a dict key or set member: Python's hashable values that cannot contain
     * themselves (None, bool, int, float, str, bytes, and tuples of those up to {@link #MAX_KEY_DEPTH}).
     * Lists, dicts and sets are unhashable in Python too; refusing them keeps Java's recursive
     * hashCode/equals away from self-containing values.
     */
    static boolean hashableKey(Object o) {
        return hashableKey(o, 0);
    }

    private static boolean hashableKey(Object o, int depth) {
        if (o == null || o instanceof Boolean || o instanceof Long || o instanceof BigInteger || o instanceof Double
                || o instanceof String || o instanceof byte[] || o instanceof Global) {
            return true;
        }
        if (o instanceof Tuple t && depth < MAX_KEY_DEPTH && t.size() <= 64) {
            for (Object item : t.items()) {
                if (!hashableKey(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A short description of any value for messages: at most a few levels and items, never recursive. */
    static String brief(Object o) {
        StringBuilder sb = new StringBuilder();
        brief(o, sb, 0);
        return sb.length() > 300 ? sb.substring(0, 300) + "…" : sb.toString();
    }

    private static void brief(Object o, StringBuilder sb, int depth) {
        if (sb.length() > 300) {
            return;
        }
        if (o == null) {
            sb.append("None");
        } else if (o instanceof String s) {
            sb.append('\'').append(s.length() > 60 ? s.substring(0, 60) + "…" : s).append('\'');
        } else if (o instanceof Long || o instanceof Boolean || o instanceof Double || o instanceof BigInteger
                || o instanceof Global) {
            sb.append(o);
        } else if (o instanceof byte[] b) {
            sb.append("bytes[").append(b.length).append(']');
        } else if (o instanceof Tuple t) {
            items(t.items(), "(", ")", sb, depth);
        } else if (o instanceof List<?> l) {
            items(l, "[", "]", sb, depth);
        } else if (o instanceof Collection<?> c) {
            items(c, "{", "}", sb, depth);
        } else if (o instanceof Map<?, ?> m) {
            sb.append("dict of ").append(m.size());
        } else if (o instanceof Instance i) {
            sb.append(i.type).append("(…)");
        } else if (o instanceof TorchTensor t) {
            sb.append("tensor").append(java.util.Arrays.toString(t.size()));
        } else {
            sb.append(o.getClass().getSimpleName());
        }
    }

    private static void items(Collection<?> items, String open, String close, StringBuilder sb, int depth) {
        if (depth >= 3) {
            sb.append(open).append('…').append(close);
            return;
        }
        sb.append(open);
        int n = 0;
        for (Object item : items) {
            if (n > 0) {
                sb.append(", ");
            }
            if (n++ == 6 || sb.length() > 300) {
                sb.append("… ").append(items.size()).append(" items");
                break;
            }
            brief(item, sb, depth + 1);
        }
        sb.append(close);
    }

    /** A module-level name (GLOBAL / STACK_GLOBAL) that passed the allow-list. */
    record Global(String module, String name) {
        String qualified() {
            return module + "." + name;
        }

        @Override
        public String toString() {
            return qualified();
        }
    }

    /** A Python tuple (lists are {@link java.util.ArrayList}, dicts {@link java.util.LinkedHashMap}). */
    record Tuple(List<Object> items) {
        Object get(int i) {
            return items.get(i);
        }

        int size() {
            return items.size();
        }

        @Override
        public String toString() {
            return brief(this);
        }
    }

    /** An instance of an allow-listed plain-data class (argparse.Namespace): class, args, BUILD state. */
    static final class Instance {
        final Global type;
        final List<Object> args;
        Object state;

        Instance(Global type, List<Object> args) {
            this.type = type;
            this.args = args;
        }

        @Override
        public String toString() {
            return type + "(" + brief(args) + ", state=" + brief(state) + ")";
        }
    }

    /** A torch storage named by BINPERSID: ('storage', storage class, key, location, numel). */
    record Storage(DType dtype, String key, String location, long numel) {}

    /** A tensor view over a storage (torch._utils._rebuild_tensor_v2). Offset and strides in elements. */
    record TorchTensor(Storage storage, long offset, long[] size, long[] stride) {
        @Override
        public String toString() {
            return brief(this);
        }
    }
}
