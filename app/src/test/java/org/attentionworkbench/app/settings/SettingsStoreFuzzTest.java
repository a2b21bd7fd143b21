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
    /** Quiet while an input runs (every bad input logs a warning), restored after: other tests read the log. */
    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());

    @FuzzTest
    @Timeout(30)
    void load(byte[] data) throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("workbench-settings-fuzz");
            dir.toFile().deleteOnExit();
            for (String name : new String[] {SettingsStore.FILE_NAME, SettingsStore.FILE_NAME + ".bad"}) {
                dir.resolve(name).toFile().deleteOnExit(); // deleted before the folder (reverse order)
            }
        }
        SettingsStore store = new SettingsStore(dir);
        Files.write(store.file(), data);
        Level level = LOG.getLevel();
        LOG.setLevel(Level.OFF);
        try {
            store.load();
        } finally {
            LOG.setLevel(level);
        }
    }
}
