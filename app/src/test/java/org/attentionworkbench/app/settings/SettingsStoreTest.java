package org.attentionworkbench.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryField() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        assertFalse(store.exists());
        Settings s = new Settings();
        s.setDevice("opencl:0:0");
        s.setTheme("NORD_DARK");
        s.setWindowSize(1024, 700);
        for (int i = 0; i < 12; i++) {
            s.addRecent("/images/" + i + ".png");
        }
        s.addRecent("/images/5.png"); // moves to the front, no duplicate
        store.save(s);

        assertTrue(store.exists());
        Settings back = store.load();
        assertEquals("opencl:0:0", back.device());
        assertEquals("NORD_DARK", back.theme());
        assertEquals(1024, back.windowWidth());
        assertEquals(700, back.windowHeight());
        List<String> recent = back.recentFiles();
        assertEquals(Settings.MAX_RECENT, recent.size());
        assertEquals("/images/5.png", recent.get(0));
        assertEquals("/images/11.png", recent.get(1));
        assertEquals(1, recent.stream().filter("/images/5.png"::equals).count());
        assertFalse(recent.contains("/images/0.png"), "oldest dropped: " + recent);
        // Written atomically: only the settings file is left, no temp files.
        try (var files = Files.list(dir.resolve("nested"))) {
            assertEquals(List.of(SettingsStore.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void missingFileGivesDefaults() {
        Settings s = new SettingsStore(dir).load();
        assertEquals(Settings.DEFAULT_DEVICE, s.device());
        assertEquals(Settings.DEFAULT_THEME, s.theme());
        assertTrue(s.recentFiles().isEmpty());
    }

    @Test
    void corruptFileIsLoggedKeptAndReplacedByDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{ \"device\": \"java\", \"recentFiles\": [ oops");
        List<LogRecord> logged = capture(() -> {
            Settings s = store.load();
            assertEquals(Settings.DEFAULT_DEVICE, s.device());
        });
        assertTrue(logged.stream().anyMatch(r -> r.getMessage().contains(store.file().toString())), "warning names the file");
        assertTrue(Files.exists(dir.resolve(SettingsStore.FILE_NAME + ".bad")));
        // The replacement is valid JSON that loads without complaint.
        assertTrue(capture(() -> assertEquals(Settings.DEFAULT_DEVICE, store.load().device())).isEmpty());
    }

    @Test
    void wrongTypesAndGapsAreRepaired() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{ \"recentFiles\": 5 }");
        assertTrue(store.load().recentFiles().isEmpty());
        Files.writeString(store.file(), "{ \"theme\": null, \"recentFiles\": [\"/a\", null, \"/a\", \"\"], \"windowWidth\": -3 }");
        Settings s = store.load();
        assertEquals(Settings.DEFAULT_THEME, s.theme());
        assertEquals(List.of("/a"), s.recentFiles());
        assertEquals(Settings.DEFAULT_WIDTH, s.windowWidth());
        Files.writeString(store.file(), "");
        assertEquals(Settings.DEFAULT_DEVICE, store.load().device());
    }

    @Test
    void aHugeWindowSizeIsReplacedWithOneLineAndTheRestKept() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{ \"device\": \"java\", \"theme\": \"NORD_DARK\", \"windowWidth\": 1e9, \"windowHeight\": 700 }");
        List<LogRecord> logged = capture(() -> {
            Settings s = store.load();
            assertEquals(Settings.DEFAULT_WIDTH, s.windowWidth());
            assertEquals(700, s.windowHeight());
            assertEquals("java", s.device());
            assertEquals("NORD_DARK", s.theme());
        });
        assertEquals(1, logged.size(), messages(logged));
        String line = logged.get(0).getMessage();
        assertTrue(line.contains("windowWidth") && line.contains("1") && line.contains(store.file().toString()), line);
        assertFalse(Files.exists(dir.resolve(SettingsStore.FILE_NAME + ".bad")), "one bad value is not a bad file");
    }

    @Test
    void eachUnusableValueGetsItsDefaultAndOneLogLine() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Settings defaults = new Settings();
        // field, its bad JSON value
        String[][] cases = {
            {"windowWidth", "\"wide\""}, {"windowWidth", "NaN"}, {"windowWidth", "-Infinity"}, {"windowWidth", "1e999"},
            {"windowWidth", "true"}, {"windowWidth", "{}"}, {"windowWidth", "16385"}, {"windowWidth", "199"},
            {"windowHeight", "[]"}, {"windowHeight", "-800"}, {"windowHeight", "null"},
            {"device", "5"}, {"device", "\"  \""}, {"device", "[\"java\"]"},
            {"theme", "{}"}, {"theme", "false"},
            {"recentFiles", "\"/a.png\""}, {"recentFiles", "7"},
            {"device", "[".repeat(100_000) + "]".repeat(100_000)}, // deeper than any stack, and not a name
        };
        for (String[] c : cases) {
            Files.writeString(store.file(), "{ \"" + c[0] + "\": " + c[1] + " }");
            List<LogRecord> logged = capture(() -> {
                Settings s = store.load();
                assertEquals(defaults.windowWidth(), s.windowWidth(), c[0] + "=" + c[1]);
                assertEquals(defaults.windowHeight(), s.windowHeight(), c[0] + "=" + c[1]);
                assertEquals(defaults.device(), s.device(), c[0] + "=" + c[1]);
                assertEquals(defaults.theme(), s.theme(), c[0] + "=" + c[1]);
                assertTrue(s.recentFiles().isEmpty(), c[0] + "=" + c[1]);
            });
            assertEquals(1, logged.size(), c[0] + ": " + messages(logged));
            assertTrue(logged.get(0).getMessage().contains(c[0]), logged.get(0).getMessage());
        }
        // good values next to bad ones survive; bad list entries go, in one line
        Files.writeString(store.file(), "{ \"recentFiles\": [\"/a.png\", 3, {}, \"/b.png\"], \"windowHeight\": 600.5 }");
        List<LogRecord> logged = capture(() -> {
            Settings s = store.load();
            assertEquals(List.of("/a.png", "/b.png"), s.recentFiles());
            assertEquals(600.5, s.windowHeight());
        });
        assertEquals(1, logged.size(), messages(logged));
        assertTrue(logged.get(0).getMessage().contains("2 entries"), logged.get(0).getMessage());
    }

    @Test
    void aFileThatIsNoSettingsObjectGivesDefaultsAndIsKept() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String huge = " ".repeat((int) SettingsStore.MAX_FILE_BYTES) + "{}";
        for (String content : List.of("[1, 2]", "42", "\"settings\"", "null", deep, huge)) {
            Files.writeString(store.file(), content);
            List<LogRecord> logged = capture(() -> assertEquals(Settings.DEFAULT_WIDTH, store.load().windowWidth()));
            assertEquals(1, logged.size(), messages(logged));
            assertTrue(logged.get(0).getMessage().contains(store.file().toString()));
            assertTrue(content.equals(Files.readString(dir.resolve(SettingsStore.FILE_NAME + ".bad"))), "the old file is kept");
            assertTrue(capture(store::load).isEmpty(), "replaced by a good file");
        }
    }

    @Test
    void outOfRangeWindowSizesAreNotKept() {
        Settings s = new Settings();
        for (double[] bad : new double[][] {{1e9, 800}, {1024, 1e9}, {Double.NaN, 800}, {1024, Double.POSITIVE_INFINITY}, {100, 800}}) {
            s.setWindowSize(bad[0], bad[1]);
            assertEquals(Settings.DEFAULT_WIDTH, s.windowWidth());
            assertEquals(Settings.DEFAULT_HEIGHT, s.windowHeight());
        }
        s.setWindowSize(Settings.MAX_WINDOW_SIZE, Settings.MIN_WINDOW_HEIGHT);
        assertEquals(Settings.MAX_WINDOW_SIZE, s.windowWidth());
    }

    @Test
    void configDirFollowsTheProperty() {
        String old = System.getProperty(SettingsStore.DIR_PROPERTY);
        try {
            System.setProperty(SettingsStore.DIR_PROPERTY, dir.toString());
            assertEquals(dir.resolve(SettingsStore.FILE_NAME), SettingsStore.standard().file());
            System.clearProperty(SettingsStore.DIR_PROPERTY);
            assertTrue(SettingsStore.configDir().endsWith(SettingsStore.APP_DIR));
        } finally {
            if (old != null) {
                System.setProperty(SettingsStore.DIR_PROPERTY, old);
            }
        }
    }

    private static String messages(List<LogRecord> records) {
        return records.stream().map(LogRecord::getMessage).toList().toString();
    }

    private static List<LogRecord> capture(Runnable r) {
        List<LogRecord> records = new ArrayList<>();
        Logger log = Logger.getLogger(SettingsStore.class.getName());
        Handler h = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        log.addHandler(h);
        try {
            r.run();
        } finally {
            log.removeHandler(h);
        }
        return records;
    }
}
