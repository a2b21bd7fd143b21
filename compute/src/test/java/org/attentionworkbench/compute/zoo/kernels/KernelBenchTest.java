package org.attentionworkbench.compute.zoo.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.attentionworkbench.compute.figure.FigureSet;
import org.junit.jupiter.api.Test;

/** A tiny run of the benchmark (Java backend only): every figure is there and the checks it quotes hold. */
class KernelBenchTest {
    @Test
    void tinyRunProducesTheFiguresAndTables() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        FigureSet set = KernelBench.run(new KernelBench.Options(new int[] {32, 48}, 16, 1, new int[] {1000, 3000}, 16,
                2, 1, false), new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(4, set.plots().size());
        assertEquals(3, set.tables().size());
        assertEquals(2, set.tables().get(0).rows().size(), "one row per N on the Java backend");
        assertTrue(set.scalars().get("lean.3000.maxAbsDiff") < 1e-5, "the three schedules agree");
        assertEquals(-1.0, set.scalars().get("bytes.slopeVsM"), 0.05);
        String log = buf.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("softmax/sigmoid") && log.contains("none/lean"), log);
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KernelBench.Options(
                new int[] {0}, 64, 1, new int[] {10}, 64, 1, 1, false));
        assertTrue(e.getMessage().contains("--n"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new KernelBench.Options(new int[] {8}, 64, 1, new int[] {40_000_000}, 64, 1, 1, false));
    }
}
