package org.attentionworkbench.app.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {

    @Test
    void decisionsAreOnDiskAtOnceAndReadBackLatestFirst(@TempDir Path dir) throws Exception {
        DecisionLog log = DecisionLog.open(dir, dir.resolve("unused"));
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        log.record(new Decision("test/scratch/000.png", Verdict.REJECT, "scratch", 0.61, 0.4, t));
        log.record(new Decision("odd, \"name\".png", Verdict.ACCEPT, null, 0.1, 0.4, t.plusSeconds(1)));
        log.record(new Decision("test/scratch/000.png", Verdict.ACCEPT, null, 0.61, 0.4, t.plusSeconds(2)));

        List<String> lines = Files.readAllLines(dir.resolve(DecisionLog.CSV), StandardCharsets.UTF_8);
        assertEquals(DecisionLog.HEADER, lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).contains("test/scratch/000.png,reject,scratch,0.610000,0.400000"), lines.get(1));
        assertTrue(Files.readString(dir.resolve(DecisionLog.JSON)).contains("\"decision\": \"accept\""));

        // a line a crash cut short is ignored; the last complete line per file wins
        Files.writeString(dir.resolve(DecisionLog.CSV), "2024-05-01T10:00:09Z,test/hole/", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        DecisionLog again = DecisionLog.open(dir, dir.resolve("unused"));
        assertEquals(2, again.decisions().size());
        Decision d = again.decisions().get("test/scratch/000.png");
        assertEquals(Verdict.ACCEPT, d.verdict());
        assertNull(d.defectClass());
        assertEquals(Verdict.ACCEPT, again.decisions().get("odd, \"name\".png").verdict());

        // without the CSV the JSON is the fallback
        Files.delete(dir.resolve(DecisionLog.CSV));
        DecisionLog fromJson = DecisionLog.open(dir, dir.resolve("unused"));
        assertEquals(2, fromJson.decisions().size());
        assertEquals(0.61, fromJson.decisions().get("test/scratch/000.png").score(), 1e-9);
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextDecisionIsKept(@TempDir Path dir) throws Exception {
        DecisionLog log = DecisionLog.open(dir, dir.resolve("unused"));
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        log.record(new Decision("a.png", Verdict.REJECT, "scratch", 0.61, 0.4, t));
        // a crash while appending: half a line, no line end
        Files.writeString(dir.resolve(DecisionLog.CSV), "2024-05-01T10:00:09Z,b.png,acc", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        DecisionLog reopened = DecisionLog.open(dir, dir.resolve("unused"));
        assertEquals(1, reopened.skippedLines(), "the torn line is reported");
        assertEquals(1, reopened.decisions().size());
        reopened.record(new Decision("c.png", Verdict.ACCEPT, null, 0.1, 0.4, t.plusSeconds(10)));

        // the new decision is a line of its own, so it survives the next reopening
        DecisionLog third = DecisionLog.open(dir, dir.resolve("unused"));
        assertEquals(Verdict.ACCEPT, third.decisions().get("c.png").verdict(),
                "the decision after a torn line is kept: " + Files.readString(dir.resolve(DecisionLog.CSV)));
        assertEquals(Verdict.REJECT, third.decisions().get("a.png").verdict());
        assertEquals(1, third.skippedLines(), "only the torn line itself is skipped");
    }

    @Test
    void aLineWithBytesThatAreNotUtf8LosesOnlyItself(@TempDir Path dir) throws Exception {
        DecisionLog log = DecisionLog.open(dir, dir.resolve("unused"));
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        log.record(new Decision("größe/a.png", Verdict.REJECT, "kratzer", 0.61, 0.4, t));
        log.record(new Decision("b.png", Verdict.ACCEPT, null, 0.2, 0.4, t.plusSeconds(1)));
        log.record(new Decision("c.png", Verdict.ACCEPT, null, 0.3, 0.4, t.plusSeconds(2)));
        // tear one multi-byte character of the second record's line in half
        byte[] bytes = Files.readAllBytes(dir.resolve(DecisionLog.CSV));
        String text = new String(bytes, StandardCharsets.UTF_8);
        int line2 = text.indexOf("b.png");
        byte[] torn = new byte[bytes.length + 1];
        int at = text.substring(0, line2).getBytes(StandardCharsets.UTF_8).length;
        System.arraycopy(bytes, 0, torn, 0, at);
        torn[at] = (byte) 0xC3; // the first byte of a two-byte character, without its second byte
        System.arraycopy(bytes, at, torn, at + 1, bytes.length - at);
        Files.write(dir.resolve(DecisionLog.CSV), torn);

        DecisionLog reopened = DecisionLog.open(dir, dir.resolve("unused"));
        assertEquals(1, reopened.skippedLines());
        assertEquals(2, reopened.decisions().size(), reopened.decisions().toString());
        assertEquals("kratzer", reopened.decisions().get("größe/a.png").defectClass(), "UTF-8 names still read");
        assertEquals(Verdict.ACCEPT, reopened.decisions().get("c.png").verdict());
        assertNull(reopened.decisions().get("b.png"));
    }

    @Test
    void anUnreadableJsonFallbackStartsEmptyInsteadOfFailing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(DecisionLog.JSON), "{\"decisions\": [", StandardCharsets.UTF_8);
        DecisionLog log = DecisionLog.open(dir, dir.resolve("unused"));
        assertTrue(log.decisions().isEmpty());
        assertEquals(1, log.skippedLines());
    }
}
