package org.attentionworkbench.compute.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionworkbench.compute.checkpoint.Pickle.Global;
import org.attentionworkbench.compute.checkpoint.Pickle.Instance;
import org.attentionworkbench.compute.checkpoint.Pickle.Storage;
import org.attentionworkbench.compute.checkpoint.Pickle.TorchTensor;
import org.attentionworkbench.compute.checkpoint.Pickle.Tuple;

/**
 * The globals a state_dict pickle may name, and what calling each one means in Java. Everything else
 * is refused by {@link Unpickler} at the GLOBAL opcode, so hostile pickles fail before any value exists.
 */
final class TorchGlobals {
    private TorchGlobals() {}

    /** Storage classes named in persistent ids, with their element type. */
    static final Map<String, DType> STORAGES = Map.ofEntries(
            Map.entry("DoubleStorage", DType.F64),
            Map.entry("FloatStorage", DType.F32),
            Map.entry("HalfStorage", DType.F16),
            Map.entry("BFloat16Storage", DType.BF16),
            Map.entry("LongStorage", DType.I64),
            Map.entry("IntStorage", DType.I32),
            Map.entry("ShortStorage", DType.I16),
            Map.entry("CharStorage", DType.I8),
            Map.entry("ByteStorage", DType.U8),
            Map.entry("BoolStorage", DType.BOOL));

    /** torch dtype objects (torch.float32 ...) that newer pickles may carry as plain names. */
    private static final Set<String> TORCH_DTYPES = Set.of("float64", "float32", "float16", "bfloat16",
            "int64", "int32", "int16", "int8", "uint8", "bool", "double", "float", "half", "long", "int");

    private static final Set<String> ALLOWED = Set.of(
            "collections.OrderedDict",
            "torch._utils._rebuild_tensor",
            "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter",
            "torch._utils._rebuild_parameter_with_state",
            "torch.Size",
            "torch.device",
            "_codecs.encode",
            "argparse.Namespace");

    static boolean allowed(String module, String name) {
        String q = module + "." + name;
        return ALLOWED.contains(q)
                || (module.equals("torch") && (STORAGES.containsKey(name) || TORCH_DTYPES.contains(name)));
    }

    /** REDUCE / NEWOBJ of an allow-listed global, mapped to a Java value. */
    static Object call(String file, Global g, List<Object> args) {
        return switch (g.qualified()) {
            case "collections.OrderedDict" -> orderedDict(file, args);
            case "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2" -> tensor(file, g, args);
            // a Parameter is its data tensor; requires_grad and hooks do not matter for inference
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> arg(file, g, args, 0);
            case "torch.Size" -> args.isEmpty() ? new Tuple(List.of()) : arg(file, g, args, 0);
            case "torch.device" -> String.valueOf(arg(file, g, args, 0));
            case "_codecs.encode" -> encode(file, args);
            case "argparse.Namespace" -> new Instance(g, args);
            default -> throw new CheckpointException(file, "refusing call of " + g + ": not allowed in a state_dict");
        };
    }

    /** BUILD: only plain-data instances take state; an OrderedDict's state is empty. */
    static void build(String file, Object target, Object state) {
        if (target instanceof Instance i) {
            i.state = state;
        } else if (target instanceof TorchTensor || target instanceof Map<?, ?>) {
            // tensor/parameter state (e.g. _rebuild_parameter_with_state's dict) carries no weights
        } else {
            throw new CheckpointException(file, "refusing BUILD of " + Pickle.brief(target)
                    + ": not allowed in a state_dict");
        }
    }

    private static Object arg(String file, Global g, List<Object> args, int i) {
        if (args.size() <= i) {
            throw new CheckpointException(file, g + " called with " + args.size() + " arguments");
        }
        return args.get(i);
    }

    private static Map<Object, Object> orderedDict(String file, List<Object> args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (!args.isEmpty() && args.get(0) instanceof List<?> pairs) {
            for (Object p : pairs) {
                if (p instanceof Tuple t && t.size() == 2 && Pickle.hashableKey(t.get(0))) {
                    map.put(t.get(0), t.get(1));
                } else {
                    throw new CheckpointException(file, "OrderedDict item " + Pickle.brief(p)
                            + " is not a (hashable key, value) pair");
                }
            }
        }
        return map;
    }

    private static TorchTensor tensor(String file, Global g, List<Object> args) {
        if (args.size() < 4 || !(args.get(0) instanceof Storage storage) || !(args.get(1) instanceof Long offset)
                || !(args.get(2) instanceof Tuple size) || !(args.get(3) instanceof Tuple stride)
                || size.size() != stride.size()) {
            throw new CheckpointException(file, g + " called with unexpected arguments " + Pickle.brief(args));
        }
        return new TorchTensor(storage, offset, longs(file, size), longs(file, stride));
    }

    private static long[] longs(String file, Tuple t) {
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.get(i) instanceof Long v)) {
                throw new CheckpointException(file, "tensor size/stride " + Pickle.brief(t) + " holds a non-integer");
            }
            out[i] = v;
        }
        return out;
    }

    /** Protocol 2 pickles bytes as _codecs.encode(text, 'latin1'). */
    private static byte[] encode(String file, List<Object> args) {
        if (args.isEmpty() || !(args.get(0) instanceof String s)) {
            throw new CheckpointException(file, "_codecs.encode called with " + Pickle.brief(args));
        }
        String charset = args.size() > 1 && args.get(1) instanceof String c ? c : "utf-8";
        try {
            return s.getBytes(java.nio.charset.Charset.forName(charset));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "_codecs.encode with unknown encoding " + charset, e);
        }
    }
}
