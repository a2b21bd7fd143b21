package org.attentionworkbench.app.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javafx.application.Platform;

/**
 * A java.util.logging handler that feeds a {@link LogBuffer}. Records may come from any thread;
 * they are queued and handed to the FX thread in batches, one runLater per burst.
 */
public final class FxLogHandler extends Handler {
    private final LogBuffer buffer;
    private final ConcurrentLinkedQueue<LogEntry> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final SimpleFormatter formatter = new SimpleFormatter();

    public FxLogHandler(LogBuffer buffer) {
        this.buffer = buffer;
        setLevel(Level.INFO);
    }

    /** Adds a handler to the root logger and returns it (remove it with {@link #uninstall}). */
    public static FxLogHandler install(LogBuffer buffer) {
        FxLogHandler h = new FxLogHandler(buffer);
        Logger.getLogger("").addHandler(h);
        return h;
    }

    public void uninstall() {
        Logger.getLogger("").removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = formatter.formatMessage(record);
        if (record.getThrown() != null && record.getThrown().getMessage() != null
                && !message.contains(record.getThrown().getMessage())) {
            message += " (" + record.getThrown() + ")";
        }
        pending.add(new LogEntry(record.getInstant() == null ? Instant.now() : record.getInstant(),
                record.getLevel(), shortName(record.getLoggerName()), message));
        if (scheduled.compareAndSet(false, true)) {
            try {
                Platform.runLater(this::drain);
            } catch (IllegalStateException toolkitGone) {
                scheduled.set(false);
            }
        }
    }

    private void drain() {
        scheduled.set(false);
        List<LogEntry> batch = new ArrayList<>();
        for (LogEntry e; (e = pending.poll()) != null; ) {
            batch.add(e);
        }
        buffer.add(batch);
    }

    private static String shortName(String logger) {
        if (logger == null || logger.isEmpty()) {
            return "root";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        uninstall();
    }
}
