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
}
