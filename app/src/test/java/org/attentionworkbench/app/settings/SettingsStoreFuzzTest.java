package org.attentionworkbench.app.settings;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as settings.json: {@link SettingsStore#load} promises never to throw (a bad file gives the
 * defaults and is kept as settings.json.bad), so anything thrown at all is a finding.
 */
class SettingsStoreFuzzTest {
    private static Path dir;

    @FuzzTest
    @Timeout(30)
    void load(byte[] data) throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("workbench-settings-fuzz");
            dir.toFile().deleteOnExit();
        }
        SettingsStore store = new SettingsStore(dir);
        Files.write(store.file(), data);
        store.load();
    }
}
