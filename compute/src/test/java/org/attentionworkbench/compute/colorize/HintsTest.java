package org.attentionworkbench.compute.colorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HintSet editing with undo/redo, and the JSON file format. */
class HintsTest {

    @Test
    void undoRedoWalksTheHistory() {
        HintSet s = new HintSet();
        Hint a = s.add(10, 20, 5f, -5f, 3);
        Hint b = s.add(30, 40, 1f, 2f, 1);
        s.move(a.id(), 11, 21);
        s.recolour(b.id(), 9f, 9f);
        s.remove(a.id());
        assertEquals(1, s.size());
        assertTrue(s.undo()); // remove
        assertEquals(new Hint(a.id(), 11, 21, 5f, -5f, 3), s.get(a.id()));
        assertTrue(s.undo()); // recolour
        assertEquals(1f, s.get(b.id()).a());
        assertTrue(s.undo()); // move
        assertEquals(10, s.get(a.id()).x());
        assertTrue(s.redo());
        assertEquals(11, s.get(a.id()).x());
        s.resize(b.id(), 5); // a new edit drops the redo stack
        assertFalse(s.canRedo());
        assertFalse(s.redo());
        while (s.undo()) {
            // back to the start
        }
        assertEquals(0, s.size());
        assertThrows(IllegalArgumentException.class, () -> s.add(0, 0, 0, 0, 10));
    }

    @Test
    void jsonRoundTrip(@TempDir Path dir) throws Exception {
        HintSet s = new HintSet();
        s.add(1, 2, 3.25f, -4.5f, 2);
        s.add(100, 50, -60f, 70.125f, 9);
        Path f = dir.resolve("h.json");
        HintFiles.save(f, 200, 100, s.snapshot());
        HintFiles.Loaded back = HintFiles.load(f);
        assertEquals(200, back.width());
        assertEquals(s.snapshot(), back.hints());
        // ids continue after the loaded ones
        assertEquals(3, HintSet.of(back.hints()).add(0, 0, 0, 0, 1).id());
    }

    @Test
    void corruptFilesAreNamed(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": \"attention-workbench/colorize-hints\", \"version\": 1, \"hints\": [{\"x\": ");
        HintFileException e = assertThrows(HintFileException.class, () -> HintFiles.load(broken));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        Path future = dir.resolve("future.json");
        Files.writeString(future, "{\"format\": \"attention-workbench/colorize-hints\", \"version\": 7, \"hints\": []}");
        e = assertThrows(HintFileException.class, () -> HintFiles.load(future));
        assertTrue(e.getMessage().contains("future.json") && e.getMessage().contains("version 7"), e.getMessage());
        Path outside = dir.resolve("outside.json");
        Files.writeString(outside, "{\"format\": \"attention-workbench/colorize-hints\", \"version\": 1, \"width\": 10,"
                + " \"height\": 10, \"hints\": [{\"x\": 12, \"y\": 1, \"a\": 0, \"b\": 0}]}");
        e = assertThrows(HintFileException.class, () -> HintFiles.load(outside));
        assertTrue(e.getMessage().contains("outside.json") && e.getMessage().contains("outside"), e.getMessage());
        e = assertThrows(HintFileException.class, () -> HintFiles.load(dir.resolve("missing.json")));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
    }
}
