package org.attentionworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench bench zoo-kernels} at tiny sizes: the table on stdout, figures.json and PNGs in --out. */
class ZooKernelsCliTest {
    @Test
    void tinyRunWritesFiguresAndPrintsTables(@TempDir Path dir) {
        Path out = dir.resolve("zk");
        CliRun r = CliRun.run("bench", "zoo-kernels", "--out", out.toString(), "--n", "32,48", "--lean-n", "1000,2000",
                "--runs", "1", "--no-opencl");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("softmax/sigmoid") && r.out().contains("none/lean"), r.out());
        for (String f : new String[] {"figures.json", "sigmoid-vs-softmax.png", "lean.png", "bytes-vs-n.png",
            "bytes-vs-m.png", "lean-table.csv"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
    }

    @Test
    void badSizeIsAUsageErrorNamingTheOption(@TempDir Path dir) {
        CliRun r = CliRun.run("bench", "zoo-kernels", "--out", dir.toString(), "--n", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--n"), r.err());
    }
}
