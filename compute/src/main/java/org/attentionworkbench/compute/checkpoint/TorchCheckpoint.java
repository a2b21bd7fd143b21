package org.attentionworkbench.compute.checkpoint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.checkpoint.Pickle.Global;
import org.attentionworkbench.compute.checkpoint.Pickle.Storage;
import org.attentionworkbench.compute.checkpoint.Pickle.TorchTensor;
import org.attentionworkbench.compute.checkpoint.Pickle.Tuple;

/**
 * A PyTorch checkpoint as torch.save writes it since 1.6: a zip with {@code <root>/data.pkl} (the pickled
 * state_dict, tensors as persistent ids), {@code <root>/data/<key>} (one raw storage per key) and
 * {@code <root>/byteorder}. The pickle is read by {@link Unpickler} (allow-listed globals, no code).
 * Nested dicts are flattened with dots: {"teacher": {"head.weight": t}} gives "teacher.head.weight";
 * use {@link #subtree} to drop a wrapper. Non-tensor values (epoch numbers, args) are skipped.
 */
public final class TorchCheckpoint extends BaseCheckpoint {
    /** A state_dict's pickle holds names and shapes only; 256 MiB is far beyond any real one. */
    private static final long MAX_PICKLE = 256L << 20;
    /**
     * Bytes that views may add beyond their storages by repeating elements (stride 0, overlapping
     * strides): torch.save keeps an expanded tensor as a view, but a few such views of a 4-byte storage
     * must not claim gigabytes that readFloats would then allocate.
     */
    static final long MAX_EXPANSION = 256L << 20;

    private final MappedFile mapped;
    private final ZipDirectory zip;
    private String root;
    private long expansion;

    private TorchCheckpoint(MappedFile mapped, ZipDirectory zip) {
        super(mapped.path(), mapped.path().toString());
        this.mapped = mapped;
        this.zip = zip;
    }

    public static TorchCheckpoint open(Path path) {
        MappedFile mapped = MappedFile.open(path);
        try {
            TorchCheckpoint c = new TorchCheckpoint(mapped, ZipDirectory.read(mapped));
            c.index();
            return c;
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    private void index() {
        String file = file();
        // 1. the archive's root folder is the one holding data.pkl
        ZipDirectory.Entry pickle = zip.entries().values().stream()
                .filter(e -> e.name().equals("data.pkl") || e.name().endsWith("/data.pkl"))
                .min((a, b) -> Integer.compare(a.name().length(), b.name().length()))
                .orElseThrow(() -> new CheckpointException(file, "zip archive without data.pkl: not a torch.save "
                        + "checkpoint (entries: " + zip.entries().keySet().stream().limit(5).toList() + ")"));
        root = pickle.name().substring(0, pickle.name().length() - "data.pkl".length());
        if (zip.entries().containsKey(root + "constants.pkl") || zip.entries().keySet().stream()
                .anyMatch(n -> n.startsWith(root + "code/"))) {
            throw new CheckpointException(file, "TorchScript archive (torch.jit.save), not a state_dict: "
                    + "save model.state_dict() with torch.save instead");
        }
        // 2. storages are little-endian unless the byteorder marker says otherwise
        ZipDirectory.Entry order = zip.entries().get(root + "byteorder");
        if (order != null) {
            String value = new String(zip.bytes(order, 16), StandardCharsets.US_ASCII).trim();
            if (!value.equals("little")) {
                throw new CheckpointException(file, "storages are " + value + "-endian; only little-endian is read");
            }
        }
        // 3. the pickle, with storages as persistent ids
        Object value = new Unpickler(file, pickle.name(), zip.bytes(pickle, MAX_PICKLE), this::storage).load();
        if (!(value instanceof Map<?, ?> top)) {
            throw new CheckpointException(file, pickle.name() + " holds " + describe(value)
                    + ", not a dict of tensors (save model.state_dict(), not the model)");
        }
        // 4. every tensor reachable through dicts, lists and tuples, named by its path
        PickleWalk.tensors(file, top, (name, tensor) -> add(stored(name, tensor)));
    }

    private Object storage(Object id) {
        if (!(id instanceof Tuple t) || t.size() < 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof Global type) || !(t.get(2) instanceof String key)
                || !(t.get(4) instanceof Long numel)) {
            throw new CheckpointException(file(), "unexpected persistent id " + Pickle.brief(id));
        }
        DType dtype = TorchGlobals.STORAGES.get(type.name());
        if (dtype == null) {
            throw new CheckpointException(file(), "storage type " + type + " is not supported");
        }
        return new Storage(dtype, key, String.valueOf(t.get(3)), numel);
    }

    /** Checks a view against its storage and maps only the bytes the view reaches. */
    private StoredTensor stored(String name, TorchTensor t) {
        String file = file();
        Storage s = t.storage();
        DType dtype = s.dtype();
        int[] shape = Layout.toShape(file, name, t.size(), dtype);
        ZipDirectory.Entry data = zip.entries().get(root + "data/" + s.key());
        if (data == null) {
            throw CheckpointException.forKey(file, name, "storage " + root + "data/" + s.key() + " is missing");
        }
        if (data.size() % dtype.bytes() != 0) {
            throw CheckpointException.forKey(file, name, "storage of " + data.size() + " bytes is not a whole number of "
                    + dtype + " elements");
        }
        long storageElements = data.size() / dtype.bytes();
        long reach = Layout.reach(shape, t.stride());
        if (reach < 0 || t.offset() < 0 || reach > storageElements || t.offset() > storageElements - reach) {
            throw CheckpointException.forKey(file, name, "view (offset " + t.offset() + ", size "
                    + Arrays.toString(t.size()) + ", stride " + Arrays.toString(t.stride())
                    + ") reaches past its storage of " + storageElements + " elements");
        }
        TensorEntry entry = new TensorEntry(name, dtype, shape);
        // a view with more elements than it reaches repeats elements; bound what that may add in total
        long repeated = Math.max(0, entry.size() - reach) * dtype.bytes();
        expansion += repeated;
        if (repeated > 0 && expansion > MAX_EXPANSION) {
            throw CheckpointException.forKey(file, name, "view of " + entry.size() + " elements over "
                    + reach + " stored ones (stride " + Arrays.toString(t.stride()) + ") brings the elements "
                    + "that views repeat to " + expansion + " bytes, above the limit of " + MAX_EXPANSION);
        }
        long from = t.offset() * dtype.bytes();
        long length = reach * dtype.bytes();
        return new StoredTensor(entry, () -> zip.region(data, from, length), 0, t.stride().clone());
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof Global g ? g.toString() : o.getClass().getSimpleName();
    }

    /** Bytes inflated so far from deflated entries (each entry once). */
    long inflatedBytes() {
        return zip.inflatedBytes();
    }

    @Override
    public String format() {
        return "pytorch";
    }

    @Override
    public void close() {
        mapped.close();
    }
}
