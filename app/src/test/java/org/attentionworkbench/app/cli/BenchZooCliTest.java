package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench zoo}: the cost curves as figures (JSON, CSV, PNG) and a printed table; bad ids are usage errors. */
class BenchZooCliTest {
    @Test
    void writesTheCostFiguresAndPrintsTheTable(@TempDir Path dir) throws Exception {
        CliRun r = run("bench", "zoo", "--sizes", "16,32", "--d", "8", "--mechanism", "hydra,uniformer-local",
                "--devices", "java", "--runs", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hydra") && r.out().contains("k time"), r.out());
        for (String f : new String[] {"figures.json", "time.png", "flops.png", "bytes.png", "memory.png", "points.csv",
            "exponents.csv"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(dir.resolve("figures.json")).contains("exponent.time.hydra"));
    }

    @Test
    void unknownMechanismIsAUsageError(@TempDir Path dir) {
        CliRun r = run("bench", "zoo", "--mechanism", "nope", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no mechanism 'nope'"), r.err());
    }
}
