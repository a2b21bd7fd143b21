package org.attentionworkbench.viewers.points;

import javafx.event.Event;
import javafx.event.EventTarget;
import javafx.event.EventType;

/**
 * A point clicked in a {@link PointCloudView} (a plain click, not the end of a drag): its id
 * ({@code PointBatch.idBase() + index}), where it was clicked in the view's local coordinates, its
 * depth along the view direction, and its position in the scene's local coordinates.
 */
public class PointPickEvent extends Event {
    public static final EventType<PointPickEvent> ANY = new EventType<>(Event.ANY, "POINT_PICK");
    public static final EventType<PointPickEvent> POINT_PICKED = new EventType<>(ANY, "POINT_PICKED");

    private final int pointId;
    private final double viewX;
    private final double viewY;
    private final float depth;
    private final double[] position;

    public PointPickEvent(Object source, EventTarget target, int pointId, double viewX, double viewY, float depth,
            double[] position) {
        super(source, target, POINT_PICKED);
        this.pointId = pointId;
        this.viewX = viewX;
        this.viewY = viewY;
        this.depth = depth;
        this.position = position.clone();
    }

    public int getPointId() {
        return pointId;
    }

    /** Where the click was, in the view's local (logical) pixels. */
    public double getViewX() {
        return viewX;
    }

    public double getViewY() {
        return viewY;
    }

    /** The picked point's distance along the view direction (scene units). */
    public float getDepth() {
        return depth;
    }

    /** The picked point in the scene's local coordinates {x, y, z}. */
    public double[] getPosition() {
        return position.clone();
    }
}
