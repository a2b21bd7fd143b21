package org.attentionworkbench.app.log;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The last {@link #CAPACITY} log entries, oldest first. Touch on the FX thread only. */
public final class LogBuffer {
    public static final int CAPACITY = 2000;

    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();

    public ObservableList<LogEntry> entries() {
        return entries;
    }

    public void add(java.util.List<LogEntry> batch) {
        entries.addAll(batch);
        int excess = entries.size() - CAPACITY;
        if (excess > 0) {
            entries.remove(0, excess);
        }
    }

    public void clear() {
        entries.clear();
    }
}
