package org.attentionworkbench.viewers.heatmap;

import javafx.event.Event;
import javafx.event.EventTarget;
import javafx.event.EventType;

/** A grid cell picked in a {@link HeatmapOverlay} (a plain click, not the end of a pan). */
public class CellEvent extends Event {
    public static final EventType<CellEvent> ANY = new EventType<>(Event.ANY, "HEATMAP_CELL");
    public static final EventType<CellEvent> CELL_CLICKED = new EventType<>(ANY, "HEATMAP_CELL_CLICKED");

    private final GridCell cell;

    public CellEvent(Object source, EventTarget target, EventType<CellEvent> type, GridCell cell) {
        super(source, target, type);
        this.cell = cell;
    }

    public GridCell getCell() {
        return cell;
    }
}
