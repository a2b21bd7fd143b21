package org.attentionworkbench.compute.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyHeaderTest {
    @TempDir
    Path tmp;

    @Test
    void headerGivesShapeTypeAndTheDataOffset() throws Exception {
        Path f = tmp.resolve("a.npy");
        Npy.writeFloat32(f, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Npy.Header h = Npy.readHeader(f);
        assertEquals(Npy.DType.FLOAT32, h.dtype());
        assertArrayEquals(new int[] {2, 3}, h.shape());
        assertEquals(6, h.size());
        assertEquals(Files.size(f) - 24, h.dataOffset());
        assertEquals(0, h.dataOffset() % 64, "NumPy aligns the data to 64 bytes");
        // the element at the offset is the first value
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(1f, java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getFloat((int) h.dataOffset()));
    }

    @Test
    void truncatedOrPaddedDataIsRefused() throws Exception {
        Path f = tmp.resolve("b.npy");
        Npy.writeFloat32(f, new float[10], 10);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readHeader(f));
        assertTrue(e.getMessage().contains("truncated data"), e.getMessage());
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length + 4));
        e = assertThrows(NpyFormatException.class, () -> Npy.readHeader(f));
        assertTrue(e.getMessage().contains("unexpected bytes"), e.getMessage());
    }
}
