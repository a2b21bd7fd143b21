package org.attentionworkbench.viewers.panorama;

/**
 * The glide after a drag: yaw and pitch velocities (degrees per second) that decay by
 * {@code friction} per 1/60 s frame (Pannellum's rule; friction 0.15 by default), stopping below
 * 0.5°/s.
 */
public final class Inertia {
    public static final double DEFAULT_FRICTION = 0.15;
    private static final double STOP = 0.5;

    private final double friction;
    private double yawSpeed;
    private double pitchSpeed;

    public Inertia(double friction) {
        if (!(friction > 0 && friction <= 1)) {
            throw new IllegalArgumentException("friction must be in (0, 1], got " + friction);
        }
        this.friction = friction;
    }

    public void start(double yawDegPerSecond, double pitchDegPerSecond) {
        yawSpeed = yawDegPerSecond;
        pitchSpeed = pitchDegPerSecond;
    }

    public void stop() {
        yawSpeed = 0;
        pitchSpeed = 0;
    }

    public boolean isMoving() {
        return Math.hypot(yawSpeed, pitchSpeed) >= STOP;
    }

    public double yawSpeed() { return yawSpeed; }
    public double pitchSpeed() { return pitchSpeed; }

    /**
     * Advances {@code seconds}: returns {yaw, pitch} degrees moved in that time (the exact integral of
     * the exponential decay), and lowers the speeds.
     */
    public double[] step(double seconds) {
        if (seconds <= 0) {
            return new double[] {0, 0};
        }
        if (!isMoving()) {
            stop();
            return new double[] {0, 0};
        }
        double k = -60 * Math.log(1 - Math.min(friction, 0.999999)); // decay rate per second
        double decay = Math.exp(-k * seconds);
        double dist = (1 - decay) / k;
        double[] moved = {yawSpeed * dist, pitchSpeed * dist};
        yawSpeed *= decay;
        pitchSpeed *= decay;
        if (!isMoving()) {
            stop();
        }
        return moved;
    }
}
