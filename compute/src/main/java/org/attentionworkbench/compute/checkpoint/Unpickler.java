package org.attentionworkbench.compute.checkpoint;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.attentionworkbench.compute.checkpoint.Pickle.Global;
import org.attentionworkbench.compute.checkpoint.Pickle.Tuple;

/**
 * A pickle reader for state_dicts that never runs code: it implements the opcodes torch.save emits
 * (protocols 2 to 5) and resolves only the globals of {@link TorchGlobals}; any other global (os.system,
 * builtins.eval, a model class) is refused by name before anything is built. REDUCE, NEWOBJ and BUILD
 * act only on those allow-listed globals, each mapped to a plain Java value.
 *
 * <p>Resources are bounded before they are used: every length is checked against the bytes left, the
 * values created plus the items put into containers and the memo are counted against {@link #MAX_VALUES},
 * and dict keys and set members must be hashable plain values ({@link Pickle#hashableKey}), so a list that
 * contains itself cannot send hashCode into endless recursion. Walking the result is bounded by
 * {@link PickleWalk}.
 */
final class Unpickler {
    /**
     * Values created, container items and memo entries together. A state_dict of 100,000 tensors needs
     * about 2 million; past this a pickle is refused before it can fill the heap.
     */
    static final long MAX_VALUES = 20_000_000;

    private final String file;
    private final String what;
    private final ByteBuffer in;
    private final Function<Object, Object> persistentLoad;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long values;

    /**
     * @param file           file named in messages
     * @param what           the pickle inside the file ("archive/data.pkl")
     * @param persistentLoad turns a BINPERSID id into a value (torch storages)
     */
    Unpickler(String file, String what, byte[] pickle, Function<Object, Object> persistentLoad) {
        this.file = file;
        this.what = what;
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.persistentLoad = persistentLoad;
    }

    private CheckpointException fail(String problem) {
        return new CheckpointException(file, what + " at byte " + in.position() + ": " + problem);
    }

    /** Runs the pickle to STOP and returns the value left on the stack. */
    Object load() {
        try {
            while (true) {
                if (!in.hasRemaining()) {
                    throw fail("ends without STOP (truncated)");
                }
                int op = in.get() & 0xff;
                if (op == '.') {
                    if (stack.size() != 1) {
                        throw fail("STOP with " + stack.size() + " values on the stack");
                    }
                    return stack.get(0);
                }
                step(op);
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw fail("truncated or malformed (" + e + ")");
        } catch (ClassCastException e) {
            throw fail("an opcode found a value of the wrong type (" + e.getMessage() + ")");
        }
    }

    private void step(int op) {
        switch (op) {
            // framing and protocol: no effect on values
            case 0x80 -> in.get(); // PROTO
            case 0x95 -> in.getLong(); // FRAME
            // stack shape
            case '(' -> marks.push(stack.size()); // MARK
            case '0' -> pop(); // POP
            case '1' -> popMark(); // POP_MARK
            case '2' -> push(peek()); // DUP
            // constants
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'J' -> push((long) in.getInt()); // BININT
            case 'K' -> push((long) (in.get() & 0xff)); // BININT1
            case 'M' -> push((long) (in.getShort() & 0xffff)); // BININT2
            case 0x8a -> push(longN(in.get() & 0xff)); // LONG1
            case 0x8b -> push(longN(length(in.getInt() & 0xffffffffL))); // LONG4
            case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT, big-endian
            case 'X' -> push(string(length(in.getInt() & 0xffffffffL))); // BINUNICODE
            case 0x8c -> push(string(in.get() & 0xff)); // SHORT_BINUNICODE
            case 0x8d -> push(string(length(in.getLong()))); // BINUNICODE8
            case 'B' -> push(bytes(length(in.getInt() & 0xffffffffL))); // BINBYTES
            case 'C' -> push(bytes(in.get() & 0xff)); // SHORT_BINBYTES
            case 0x8e -> push(bytes(length(in.getLong()))); // BINBYTES8
            // containers
            case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
            case ']' -> push(new ArrayList<>()); // EMPTY_LIST
            case ')' -> push(new Tuple(List.of())); // EMPTY_TUPLE
            case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
            case 0x85 -> push(tuple(1)); // TUPLE1
            case 0x86 -> push(tuple(2)); // TUPLE2
            case 0x87 -> push(tuple(3)); // TUPLE3
            case 't' -> push(new Tuple(popMark())); // TUPLE
            case 'l' -> push(new ArrayList<>(popMark())); // LIST
            case 'd' -> push(dict(popMark())); // DICT
            case 0x91 -> push(Collections.unmodifiableSet(set(popMark()))); // FROZENSET
            case 'a' -> appendTo(Collections.singletonList(pop())); // APPEND (the item may be None)
            case 'e' -> appendTo(popMark()); // APPENDS
            case 0x90 -> addTo(popMark()); // ADDITEMS
            case 's' -> { // SETITEM
                Object value = pop();
                Object key = pop();
                dictOnTop().put(key(key), value);
                count(1);
            }
            case 'u' -> dictOnTop(popMark()); // SETITEMS
            // memo
            case 'q' -> memoPut(in.get() & 0xff); // BINPUT
            case 'r' -> memoPut(in.getInt() & 0xffffffffL); // LONG_BINPUT
            case 0x94 -> memoPut(memo.size()); // MEMOIZE
            case 'h' -> push(memoGet(in.get() & 0xff)); // BINGET
            case 'j' -> push(memoGet(in.getInt() & 0xffffffffL)); // LONG_BINGET
            // names and calls: only allow-listed globals, each mapped to plain data
            case 'c' -> push(global(line(), line())); // GLOBAL
            case 0x93 -> { // STACK_GLOBAL
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw fail("STACK_GLOBAL of " + Pickle.brief(module) + ", " + Pickle.brief(name) + ": not names");
                }
                push(global(m, n));
            }
            case 'R', 0x81 -> { // REDUCE, NEWOBJ
                Object args = pop();
                if (!(args instanceof Tuple t)) {
                    throw fail("call with arguments " + Pickle.brief(args) + " instead of a tuple");
                }
                push(TorchGlobals.call(file, callable(pop()), t.items()));
            }
            case 'b' -> { // BUILD
                Object state = pop();
                TorchGlobals.build(file, peek(), state);
            }
            case 'Q' -> push(persistentLoad.apply(pop())); // BINPERSID
            default -> throw fail(String.format("opcode 0x%02x ('%c') is not supported in a state_dict", op,
                    op >= 32 && op < 127 ? (char) op : '?'));
        }
    }

    private Global callable(Object o) {
        if (o instanceof Global g) {
            return g;
        }
        throw fail("call of a non-global value " + Pickle.brief(o));
    }

    private Global global(String module, String name) {
        if (!TorchGlobals.allowed(module, name)) {
            throw fail("refusing global " + module + "." + name + ": not allowed in a state_dict");
        }
        return new Global(module, name);
    }

    private void push(Object o) {
        count(1);
        stack.add(o);
    }

    /** Counts values against {@link #MAX_VALUES} before they are stored. */
    private void count(long n) {
        values += n;
        if (values > MAX_VALUES) {
            throw fail("more than " + MAX_VALUES + " values (objects, container items and memo entries); "
                    + "a state_dict needs far fewer, so the pickle is refused before it fills memory");
        }
    }

    private void memoPut(long key) {
        count(1);
        memo.put(key, peek());
    }

    /** A dict key or set member: hashable plain values only, as in Python. */
    private Object key(Object key) {
        if (!Pickle.hashableKey(key)) {
            throw fail("dict key or set member " + Pickle.brief(key) + " is not a hashable plain value "
                    + "(None, bool, int, float, str, bytes or a tuple of those)");
        }
        return key;
    }

    private Set<Object> set(List<Object> items) {
        Set<Object> set = new LinkedHashSet<>();
        for (Object item : items) {
            set.add(key(item));
        }
        return set;
    }

    private Object pop() {
        if (stack.isEmpty() || (!marks.isEmpty() && stack.size() <= marks.peek())) {
            throw fail("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw fail("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw fail("no MARK on the stack");
        }
        int from = marks.pop();
        List<Object> items = new ArrayList<>(stack.subList(from, stack.size()));
        stack.subList(from, stack.size()).clear();
        return items;
    }

    private Tuple tuple(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return new Tuple(Arrays.asList(items));
    }

    private Map<Object, Object> dict(List<Object> kv) {
        if (kv.size() % 2 != 0) {
            throw fail("odd number of items for a dict");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.size(); i += 2) {
            map.put(key(kv.get(i)), kv.get(i + 1));
        }
        count(map.size());
        return map;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dictOnTop() {
        Object top = peek();
        if (top instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw fail("SETITEM on " + describe(top));
    }

    private void dictOnTop(List<Object> kv) {
        dictOnTop().putAll(dict(kv));
    }

    @SuppressWarnings("unchecked")
    private void appendTo(List<Object> items) {
        Object top = peek();
        if (top instanceof List<?> l) {
            count(items.size());
            ((List<Object>) l).addAll(items);
        } else {
            throw fail("APPEND on " + describe(top));
        }
    }

    @SuppressWarnings("unchecked")
    private void addTo(List<Object> items) {
        Object top = peek();
        if (top instanceof Set<?> s && !isFrozen(s)) {
            count(items.size());
            ((Set<Object>) s).addAll(set(items));
        } else {
            throw fail("ADDITEMS on " + describe(top));
        }
    }

    private static boolean isFrozen(Set<?> s) {
        return !(s instanceof LinkedHashSet<?>);
    }

    private Object memoGet(long key) {
        if (!memo.containsKey(key)) {
            throw fail("memo key " + key + " was never stored");
        }
        return memo.get(key);
    }

    /** A length from the pickle, refused when it exceeds what is left (a forged size). */
    private int length(long n) {
        if (n < 0 || n > in.remaining()) {
            throw fail("length " + n + " exceeds the " + in.remaining() + " bytes left");
        }
        return (int) n;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[length(n)];
        in.get(b);
        return b;
    }

    private String string(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    /** A newline-terminated ASCII line (GLOBAL operands), at most 256 bytes. */
    private String line() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte b = in.get();
            if (b == '\n') {
                return sb.toString();
            }
            if (sb.length() > 256) {
                throw fail("GLOBAL name longer than 256 bytes");
            }
            sb.append((char) (b & 0xff));
        }
    }

    /** Little-endian two's complement integer of n bytes; a Long where it fits. */
    private Object longN(int n) {
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
