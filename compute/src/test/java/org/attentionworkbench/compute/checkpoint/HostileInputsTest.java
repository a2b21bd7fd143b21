package org.attentionworkbench.compute.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * The hostile-user probe's cases (issue 13) and what the fuzzers found, as plain tests: each must end in
 * a {@link CheckpointException} naming the file and the limit, quickly and without filling the heap.
 * The files are the fuzz seeds (tools/fuzz/make_seeds.py).
 */
class HostileInputsTest {
    @TempDir
    Path dir;

    static Path seed(String test, String method, String name) {
        URL url = HostileInputsTest.class.getResource(test + "Inputs/" + method + "/" + name);
        if (url == null) {
            throw new IllegalStateException("fuzz seed " + test + "Inputs/" + method + "/" + name + " missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pickle(String name) throws IOException {
        return Files.readAllBytes(seed("UnpicklerFuzzTest", "load", name));
    }

    private static CheckpointException refused(Executable e, String... parts) {
        CheckpointException ex = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(CheckpointException.class, e));
        for (String part : parts) {
            assertTrue(ex.getMessage().contains(part), "'" + part + "' not in: " + ex.getMessage());
        }
        return ex;
    }

    private static void openAndReadAll(Path file) {
        try (Checkpoint c = Checkpoints.open(file)) {
            for (TensorEntry e : c.entries()) {
                c.readFloats(e.name());
            }
        }
    }

    @Test
    void listsAndDictsThatContainThemselvesAreRefused() {
        for (String name : new String[] {"self_list.pth", "self_dict.pth"}) {
            Path f = seed("TorchCheckpointFuzzTest", "open", name);
            refused(() -> openAndReadAll(f), "contains itself", f.toString());
        }
    }

    @Test
    void listsSharedManyLevelsDeepStopAtTheDepthOrVisitLimit() {
        // 2^40 paths within the depth limit: stopped when the innermost lists are reached too often
        Path f = seed("TorchCheckpointFuzzTest", "open", "shared_lists_40.pth");
        refused(() -> openAndReadAll(f), "reached by more than " + PickleWalk.MAX_SHARING + " paths", f.toString());
        Path deeper = seed("TorchCheckpointFuzzTest", "open", "shared_lists_64.pth");
        refused(() -> openAndReadAll(deeper), "nested more than " + PickleWalk.MAX_DEPTH + " levels");
    }

    @Test
    void stride0ViewsOfATinyStorageAreRefusedBeforeAnyRead() {
        Path huge = seed("TorchCheckpointFuzzTest", "open", "stride0_600M.pth");
        refused(() -> TorchCheckpoint.open(huge).close(), "600000000 elements", "limit of "
                + TorchCheckpoint.MAX_EXPANSION, huge.toString());
        Path many = seed("TorchCheckpointFuzzTest", "open", "stride0_many.pth");
        refused(() -> TorchCheckpoint.open(many).close(), "limit of " + TorchCheckpoint.MAX_EXPANSION);
    }

    @Test
    void oneDeflatedStorageSharedByEveryTensorIsInflatedOnce() {
        Path f = seed("TorchCheckpointFuzzTest", "open", "deflated_shared_storage.pth");
        try (TorchCheckpoint c = TorchCheckpoint.open(f)) {
            assertEquals(64, c.entries().size());
            for (TensorEntry e : c.entries()) {
                assertEquals(4096, c.readFloats(e.name()).length);
            }
            // the 16 KiB storage once, plus the pickle and the byteorder marker; 64 inflations would be 1 MiB
            assertTrue(c.inflatedBytes() < 2 * 4096 * 4 + 8192, "inflated " + c.inflatedBytes() + " bytes");
        }
    }

    @Test
    void valuesBeyondTheLimitAreRefusedBeforeTheyFillTheHeap() {
        // one byte per value: PROTO 2, MARK, then None after None (a flat pickle cannot amplify, so the
        // count bounds memory by the pickle's size times a constant, and caps it at MAX_VALUES)
        byte[] p = new byte[(int) Unpickler.MAX_VALUES + 8];
        java.util.Arrays.fill(p, (byte) 'N');
        p[0] = (byte) 0x80;
        p[1] = 2;
        p[2] = '(';
        p[p.length - 1] = '.';
        refused(() -> new Unpickler("f.pth", "data.pkl", p, id -> id).load(), "more than " + Unpickler.MAX_VALUES
                + " values", "f.pth");
    }

    @Test
    void unhashableKeysAreRefusedAsInPython() throws IOException {
        for (String name : new String[] {"list_key.pkl", "frozenset_of_list.pkl"}) {
            byte[] p = pickle(name);
            refused(() -> new Unpickler("f.pth", "data.pkl", p, id -> id).load(), "not a hashable plain value",
                    "f.pth");
        }
    }

    @Test
    void fuzzFindingsEndInTypedErrors() throws IOException {
        // APPEND of None (List.of refused the null) and STACK_GLOBAL of None (a null module name)
        Object appended = new Unpickler("f.pth", "data.pkl", "\u0080\u0002]N\u0061.".getBytes(
                StandardCharsets.ISO_8859_1), id -> id).load();
        assertEquals(java.util.Collections.singletonList(null), appended);
        for (String name : new String[] {"found_append_none.pkl", "found_stack_global_none.pkl"}) {
            byte[] p = pickle(name);
            refused(() -> PickleWalk.tensors("f.pth", new Unpickler("f.pth", "data.pkl", p, id -> id).load(),
                    (k, t) -> { }), "f.pth");
        }
    }

    @Test
    void safetensorsHeaderNested200000LevelsIsBadJson() throws IOException {
        String json = "{\"w\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        byte[] text = json.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(text.length).put(text);
        Path f = dir.resolve("deep.safetensors");
        Files.write(f, b.array());
        refused(() -> SafetensorsCheckpoint.open(f).close(), "nested deeper than "
                + SafetensorsCheckpoint.MAX_HEADER_DEPTH, f.toString());
    }

    @Test
    void safetensorsNumbersMustBeExactIntegers() {
        Path fraction = seed("SafetensorsFuzzTest", "open", "fraction.safetensors");
        refused(() -> SafetensorsCheckpoint.open(fraction).close(), "shape holds 2.5, not an integer");
        Path huge = seed("SafetensorsFuzzTest", "open", "huge_dim.safetensors");
        refused(() -> SafetensorsCheckpoint.open(huge).close(), "not an integer");
    }
}
