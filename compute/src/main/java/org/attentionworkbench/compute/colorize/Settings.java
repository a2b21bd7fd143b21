package org.attentionworkbench.compute.colorize;

/**
 * Knobs shared by the methods. All have a default chosen a priori (not tuned on test images):
 *
 * @param workingSize long side, in pixels, of the grid the propagation runs on (≤ 0: full resolution)
 * @param temperature attention softmax temperature τ on the scaled feature distance (1 = features in
 *     units of their a-priori scales)
 * @param spatialScale position scale of the attention kernel, as a fraction of the image's long side
 * @param guidedRadius radius (working pixels) of the guided filter that carries ab to full resolution
 * @param guidedEps guided-filter regulariser, in (L/100)² units: smaller follows L edges harder
 * @param maxIterations PCG iteration cap per level (Levin)
 * @param tolerance PCG stop: residual norm relative to the right-hand side's (Levin)
 */
public record Settings(int workingSize, double temperature, double spatialScale, int guidedRadius, double guidedEps,
        int maxIterations, double tolerance) {

    public static Settings defaults() {
        return new Settings(256, 1.0, 0.15, 2, 1e-3, 1000, 1e-4);
    }

    public Settings withWorkingSize(int s) {
        return new Settings(s, temperature, spatialScale, guidedRadius, guidedEps, maxIterations, tolerance);
    }

    public Settings withTemperature(double t) {
        return new Settings(workingSize, t, spatialScale, guidedRadius, guidedEps, maxIterations, tolerance);
    }

    public Settings withSpatialScale(double s) {
        return new Settings(workingSize, temperature, s, guidedRadius, guidedEps, maxIterations, tolerance);
    }

    public Settings withGuided(int radius, double eps) {
        return new Settings(workingSize, temperature, spatialScale, radius, eps, maxIterations, tolerance);
    }

    public Settings withSolver(int iterations, double tol) {
        return new Settings(workingSize, temperature, spatialScale, guidedRadius, guidedEps, iterations, tol);
    }
}
