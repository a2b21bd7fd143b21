package org.attentionworkbench.compute.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .pth files come from tools/checkpoint/make_test_files.py, laid out as torch.save lays them out. */
class TorchCheckpointTest {
    private static final float[] BASE = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 1.5f};

    @TempDir
    Path dir;

    private static void assertMentions(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void readsHalfBf16AndParameters() {
        try (Checkpoint c = Checkpoints.open(TestFiles.resource("dtypes.pth"))) {
            assertEquals("pytorch", c.format());
            assertEquals(List.of(new TensorEntry("half.weight", DType.F16, new int[] {2, 3}),
                    new TensorEntry("bf16.weight", DType.BF16, new int[] {3, 2}),
                    new TensorEntry("param", DType.F32, new int[] {6})), c.entries());
            assertArrayEquals(BASE, c.readFloats("half.weight"));
            assertArrayEquals(BASE, c.readFloats("bf16.weight"));
            assertArrayEquals(BASE, c.readFloats("param"));
            assertTrue(c.hasFloatView("param"));
            assertEquals(1.5f, c.floatView("param").get(5));
        }
    }

    @Test
    void materialisesStridedViews() {
        // storage 0..11 seen as the 3x4 matrix m
        try (Checkpoint c = Checkpoints.open(TestFiles.resource("strided.pth"))) {
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, c.readFloats("matrix"));
            assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, c.readFloats("transposed"));
            assertArrayEquals(new int[] {4, 3}, c.entry("transposed").shape());
            assertArrayEquals(new float[] {2, 6, 10}, c.readFloats("column"));
            assertArrayEquals(new float[] {5, 6, 9, 10}, c.readFloats("block"));
            assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, c.readFloats("expanded"));
            assertArrayEquals(new long[] {7, -1, 5}, c.readLongs("ids"));
            assertTrue(c.hasFloatView("matrix"));
            assertTrue(c.hasFloatView("block") == false && c.hasFloatView("transposed") == false);
            assertEquals(9f, c.floatView("matrix").get(9));
        }
    }

    @Test
    void flattensNestedDictsAndSkipsNonTensors() {
        try (Checkpoint c = Checkpoints.open(TestFiles.resource("nested.pth"))) {
            assertEquals(List.of("teacher.backbone.w", "teacher.head.v", "student.backbone.w", "layers.0"),
                    c.entries().stream().map(TensorEntry::name).toList());
            assertArrayEquals(new int[] {3, 2}, c.entry("student.backbone.w").shape());
            float[] reversed = {1.5f, 1.0f, 0.5f, 0.0f, -0.5f, -1.0f};
            assertArrayEquals(reversed, c.readFloats("layers.0"));
            try (Checkpoint teacher = c.subtree("teacher")) {
                assertEquals(List.of("backbone.w", "head.v"), teacher.entries().stream().map(TensorEntry::name).toList());
                assertArrayEquals(BASE, teacher.readFloats("backbone.w"));
                assertArrayEquals(reversed, teacher.readFloats("head.v"));
                assertFalse(teacher.contains("teacher.head.v"));
            }
            // the parent is still open after the subtree view closes
            assertArrayEquals(BASE, c.readFloats("student.backbone.w"));
            assertMentions(assertThrows(CheckpointException.class, () -> c.subtree("model")), "'model.'");
        }
    }

    @Test
    void refusesOsSystemWithoutRunningIt() throws IOException {
        Path marker = Path.of("/tmp/attention-workbench-pwned");
        Files.deleteIfExists(marker);
        for (String[] file : new String[][] {{"hostile_os.pth", "os.system"}, {"hostile_posix.pth", "posix.system"}}) {
            Path p = TestFiles.resource(file[0]);
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.open(p));
            assertMentions(e, "refusing global " + file[1], "not allowed in a state_dict", p.toString());
        }
        assertFalse(Files.exists(marker), "the pickle's command ran");
    }

    @Test
    void brokenArchivesFailClearly() {
        Path noPickle = TestFiles.resource("no_pickle.pth");
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(noPickle)),
                noPickle.toString(), "without data.pkl");
        Path missing = TestFiles.resource("missing_storage.pth");
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(missing)),
                missing.toString(), "'w'", "archive/data/9 is missing");
        Path past = TestFiles.resource("view_past_end.pth");
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(past)),
                "'w'", "reaches past its storage of 6 elements");
        Path huge = TestFiles.resource("huge_dims.pth");
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(huge)), "'w'", "dimension 0");
        Path legacy = TestFiles.resource("legacy.pt");
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(legacy)),
                legacy.toString(), "legacy torch.save format", "re-save with torch>=1.6");
    }

    @Test
    void truncatedArchiveFails() throws IOException {
        byte[] whole = Files.readAllBytes(TestFiles.resource("dtypes.pth"));
        for (int cut : new int[] {whole.length / 2, whole.length - 30, 40}) {
            Path p = dir.resolve("cut" + cut + ".pth");
            Files.write(p, java.util.Arrays.copyOf(whole, cut));
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.open(p));
            assertMentions(e, p.toString());
        }
    }

    @Test
    void readsDeflatedArchivesToo() throws IOException {
        // a user who re-zips a checkpoint gets deflated entries; the content is the same
        Path source = TestFiles.resource("dtypes.pth");
        Path rezipped = dir.resolve("rezipped.pth");
        try (var in = new java.util.zip.ZipFile(source.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rezipped))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(out);
                out.closeEntry();
            }
        }
        try (Checkpoint c = Checkpoints.open(rezipped)) {
            assertArrayEquals(BASE, c.readFloats("half.weight"));
            assertArrayEquals(BASE, c.readFloats("param"));
        }
    }

    @Test
    void unpicklerRefusesUnknownOpcodesAndForgedLengths() {
        byte[] unknownOp = {(byte) 0x80, 2, 'I', '1', '\n', '.'}; // INT (text protocol 0)
        assertMentions(assertThrows(CheckpointException.class,
                () -> new Unpickler("f.pth", "data.pkl", unknownOp, id -> id).load()), "opcode 0x49", "f.pth");
        byte[] forged = {(byte) 0x80, 2, 'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'a', '.'};
        assertMentions(assertThrows(CheckpointException.class,
                () -> new Unpickler("f.pth", "data.pkl", forged, id -> id).load()), "exceeds");
        byte[] eval = "\u0080\u0002cbuiltins\neval\n.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertMentions(assertThrows(CheckpointException.class,
                () -> new Unpickler("f.pth", "data.pkl", eval, id -> id).load()), "refusing global builtins.eval");
    }
}
