package org.attentionworkbench.viewers.panorama;

import java.util.function.LongSupplier;

/**
 * Turns the view at {@code speed} degrees per second (positive = to the right) while on; any user
 * interaction pauses it, and it resumes after {@code inactivityDelay} seconds without one
 * (Pannellum's autoRotate and autoRotateInactivityDelay). Time comes from an injected clock in
 * nanoseconds, so tests need no sleeping.
 */
public final class AutoRotate {
    private final LongSupplier clock;
    private double speed;
    private double inactivityDelay;
    private boolean enabled;
    private long lastInteraction = Long.MIN_VALUE;
    private long lastTick = Long.MIN_VALUE;

    public AutoRotate(LongSupplier nanoClock, double speed, double inactivityDelaySeconds) {
        this.clock = nanoClock;
        this.speed = speed;
        this.inactivityDelay = inactivityDelaySeconds;
    }

    public void setEnabled(boolean on) {
        enabled = on;
        lastTick = Long.MIN_VALUE;
    }

    public boolean isEnabled() { return enabled; }
    public double speed() { return speed; }
    public void setSpeed(double degreesPerSecond) { speed = degreesPerSecond; }
    public void setInactivityDelay(double seconds) { inactivityDelay = Math.max(0, seconds); }

    /** The user did something: rotation pauses until the inactivity delay has passed. */
    public void interacted() {
        lastInteraction = clock.getAsLong();
        lastTick = Long.MIN_VALUE;
    }

    /** True when enabled and not paused by a recent interaction. */
    public boolean isTurning() {
        return enabled && speed != 0 && (lastInteraction == Long.MIN_VALUE
                || clock.getAsLong() - lastInteraction >= (long) (inactivityDelay * 1e9));
    }

    /** Degrees of yaw to add since the previous tick (0 on the first tick after a pause). */
    public double tick() {
        long now = clock.getAsLong();
        if (!isTurning()) {
            lastTick = Long.MIN_VALUE;
            return 0;
        }
        double d = lastTick == Long.MIN_VALUE ? 0 : speed * (now - lastTick) / 1e9;
        lastTick = now;
        return d;
    }
}
