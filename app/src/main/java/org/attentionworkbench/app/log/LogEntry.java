package org.attentionworkbench.app.log;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;

/** One line of the log panel. */
public record LogEntry(Instant time, Level level, String source, String message) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** "12:03:44 WARNING SettingsStore: ..." */
    public String line() {
        return LocalTime.ofInstant(time, ZoneId.systemDefault()).format(CLOCK) + "  " + level.getName()
                + "  " + source + ": " + message;
    }
}
