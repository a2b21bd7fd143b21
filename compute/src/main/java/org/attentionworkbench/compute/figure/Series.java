package org.attentionworkbench.compute.figure;

import java.util.Objects;

/** One named curve of a {@link LinePlot}: points (x[i], y[i]); NaN y values are gaps. */
public record Series(String name, double[] x, double[] y) {
    public Series {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
