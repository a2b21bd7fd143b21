package org.attentionworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.attentionworkbench.app.labs.DemoLab;
import org.attentionworkbench.compute.labs.Lab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench lab}: listing, a run's files and scalars, the lab's own options and their errors. */
class LabCliTest {
    @TempDir
    Path temp;

    private Supplier<List<Lab>> real;

    @BeforeEach
    void demoLab() {
        real = LabCommand.labs;
        LabCommand.labs = () -> List.of(new DemoLab());
    }

    @AfterEach
    void restore() {
        LabCommand.labs = real;
    }

    @Test
    void withNoIdListsTheLabs() {
        CliRun r = CliRun.run("lab");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("demo"), r.out());
        assertTrue(r.out().contains("Demo: power laws"), r.out());
    }

    @Test
    void aRunWritesFiguresPngsCsvsAndTheOptionsUsed() throws Exception {
        Path out = temp.resolve("run");
        CliRun r = CliRun.run("lab", "demo", "--steps", "5", "--scale=2", "--power", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        // sum of 2·x³ for x = 1..5 is 2 · 225 = 450; the last is 2 · 125
        assertTrue(r.out().contains("sum\t450.000"), r.out());
        assertTrue(r.out().contains("last\t250.000"), r.out());
        for (String f : List.of("figures.json", "curve.csv", "curve.png", "linear.png", "signed.csv", "signed.png",
                "summary.csv", "lab.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String run = Files.readString(out.resolve("lab.json"));
        assertTrue(run.contains("\"steps\": \"5\"") && run.contains("\"scale\": \"2\"") && run.contains("\"fail\": \"false\""), run);
        assertTrue(r.err().contains("demo: step 5 of 5 (100 %)"), r.err());
        assertTrue(Files.readString(out.resolve("curve.csv")).contains("demo,5.00000000,250.000000"));
    }

    @Test
    void negativeValuesAreValuesNotOptions() {
        CliRun r = CliRun.run("lab", "demo", "--steps", "2", "--scale", "-1", "--power", "1", "--out", temp.resolve("n").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sum\t-3"), r.out());
    }

    @Test
    void aFlagAloneMeansTrue() {
        CliRun r = CliRun.run("lab", "demo", "--steps", "2", "--fail", "--out", temp.resolve("f").toString());
        assertEquals(2, r.code(), r.err()); // the lab's error names --fail, one of its options
        assertTrue(r.err().contains("--fail was set"), r.err());
    }

    @Test
    void anUnknownOptionIsAUsageErrorListingTheLabsOptions() {
        CliRun r = CliRun.run("lab", "demo", "--stepz", "5", "--out", temp.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--stepz"), r.err());
        assertTrue(r.err().contains("--steps") && r.err().contains("--delay-ms"), r.err());
        assertFalse(Files.exists(temp.resolve("x")));
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        CliRun notANumber = CliRun.run("lab", "demo", "--steps", "many", "--out", temp.resolve("a").toString());
        assertEquals(2, notANumber.code());
        assertTrue(notANumber.err().contains("--steps") && notANumber.err().contains("many"), notANumber.err());
        CliRun outOfRange = CliRun.run("lab", "demo", "--steps", "0", "--out", temp.resolve("b").toString());
        assertEquals(2, outOfRange.code());
        assertTrue(outOfRange.err().contains("--steps 0 is outside"), outOfRange.err());
        CliRun noChoice = CliRun.run("lab", "demo", "--power", "7", "--out", temp.resolve("c").toString());
        assertEquals(2, noChoice.code());
        assertTrue(noChoice.err().contains("--power 7 is not one of 1|2|3"), noChoice.err());
        CliRun noValue = CliRun.run("lab", "demo", "--out", temp.resolve("d").toString(), "--scale");
        assertEquals(2, noValue.code());
        assertTrue(noValue.err().contains("--scale needs a value"), noValue.err());
    }

    @Test
    void unknownLabAndMissingOutAreUsageErrors() {
        CliRun unknown = CliRun.run("lab", "nope", "--out", temp.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no lab 'nope'") && unknown.err().contains("demo"), unknown.err());
        CliRun noOut = CliRun.run("lab", "demo");
        assertEquals(2, noOut.code());
        assertTrue(noOut.err().contains("--out"), noOut.err());
    }

    @Test
    void helpForALabListsItsOptionsWithDefaults() {
        CliRun r = CliRun.run("lab", "demo", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Options of demo:"), r.out());
        assertTrue(r.out().matches("(?s).*--steps N +points on the curve.*\\(default: 20\\).*"), r.out());
        assertTrue(r.out().contains("--power 1|2|3"), r.out());
        CliRun general = CliRun.run("lab", "--help");
        assertFalse(general.out().contains("Options of demo:"), general.out());
    }
}
