package org.attentionworkbench.app.settings;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as settings.json: {@link SettingsStore#load} promises never to throw (a bad file gives the
 * defaults and is kept as settings.json.bad), so anything thrown at all is a finding.
 */
class SettingsStoreFuzzTest {
    private static Path dir;
    /** Held so the level stays set: every bad input would otherwise log a warning. */
    private static final Logger QUIET = Logger.getLogger(SettingsStore.class.getName());

    @FuzzTest
    @Timeout(30)
    void load(byte[] data) throws IOException {
        if (dir == null) {
            QUIET.setLevel(Level.OFF);
            dir = Files.createTempDirectory("workbench-settings-fuzz");
            dir.toFile().deleteOnExit();
        }
        SettingsStore store = new SettingsStore(dir);
        Files.write(store.file(), data);
        store.load();
    }
}
