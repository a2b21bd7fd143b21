package org.attentionworkbench.app.settings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * Reads and writes {@code settings.json} in the user's config folder:
 * {@code -Dworkbench.config.dir}, else {@code $XDG_CONFIG_HOME/attention-workbench}, else
 * {@code ~/.config/attention-workbench}. Writes go to a temp file that is renamed over the old one,
 * so a crash never leaves half a file; a corrupt file is logged, kept as {@code settings.json.bad}
 * and replaced by defaults.
 */
public final class SettingsStore {
    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());
    public static final String DIR_PROPERTY = "workbench.config.dir";
    public static final String APP_DIR = "attention-workbench";
    public static final String FILE_NAME = "settings.json";
    /** Settings take a few hundred bytes; a larger file is not ours (and is not read into memory). */
    static final long MAX_FILE_BYTES = 1 << 20;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path dir;

    public SettingsStore(Path dir) {
        this.dir = dir;
    }

    /** The store in the configured folder (property, XDG, home). */
    public static SettingsStore standard() {
        return new SettingsStore(configDir());
    }

    public static Path configDir() {
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve(APP_DIR);
    }

    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /** True when settings were saved before (false on first start). */
    public boolean exists() {
        return Files.isRegularFile(file());
    }

    /**
     * The saved settings, or defaults when there is no file or it cannot be used. A value that cannot
     * be used (wrong type, non-finite, out of range) is replaced by its default with one warning line
     * each; the rest of the file is kept. Never throws.
     */
    public Settings load() {
        Path f = file();
        if (!Files.exists(f)) {
            return new Settings();
        }
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new JsonParseException("the file is " + Files.size(f) + " bytes, more than settings ever take ("
                        + MAX_FILE_BYTES + ")");
            }
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new JsonParseException("the file is empty");
            }
            if (!(JsonParser.parseString(text) instanceof JsonObject object)) {
                throw new JsonParseException("the file holds no JSON object");
            }
            return SettingsJson.read(object, problem -> LOG.warning("Settings file " + f + ": " + problem)).normalized();
        } catch (IOException | RuntimeException e) {
            // JsonParseException and friends (syntax, nesting deeper than Gson's limit), unreadable bytes
            LOG.log(Level.WARNING, "Settings file " + f + " could not be read (" + e.getMessage()
                    + "); using defaults. The old file is kept as " + FILE_NAME + ".bad");
            Settings defaults = new Settings();
            try {
                Files.copy(f, dir.resolve(FILE_NAME + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                save(defaults);
            } catch (IOException | UncheckedIOException copyFailed) {
                LOG.log(Level.WARNING, "Could not replace " + f + ": " + copyFailed.getMessage());
            }
            return defaults;
        }
    }

    /** Writes the settings atomically (temp file in the same folder, then rename). */
    public void save(Settings settings) throws IOException {
        AtomicFiles.writeString(file(), GSON.toJson(settings));
    }

    /** {@link #save} for UI callers: a failure is logged, not thrown (the app keeps working). */
    public void saveQuietly(Settings settings) {
        try {
            save(settings);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not save settings to " + file() + ": " + e.getMessage(), e);
        }
    }
}
