package org.attentionworkbench.compute.checkpoint;

import java.util.List;

/** The inert Java values an allow-listed pickle turns into. Nothing here runs code. */
final class Pickle {
    private Pickle() {}

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
            return type + "(" + args + ", state=" + state + ")";
        }
    }

    /** A torch storage named by BINPERSID: ('storage', storage class, key, location, numel). */
    record Storage(DType dtype, String key, String location, long numel) {}

    /** A tensor view over a storage (torch._utils._rebuild_tensor_v2). Offset and strides in elements. */
    record TorchTensor(Storage storage, long offset, long[] size, long[] stride) {}
}
