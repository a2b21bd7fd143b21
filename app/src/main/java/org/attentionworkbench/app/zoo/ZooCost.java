package org.attentionworkbench.app.zoo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.zoo.cost.ZooCostBench;
import org.attentionworkbench.compute.zoo.mechanisms.Mechanisms;

/**
 * The Zoo page's cost curves: a small {@link ZooCostBench} for the chosen mechanisms (the CLI's
 * {@code workbench bench zoo} runs the full N range). The page's text fields become bench options
 * here, with an error naming the field for anything the bench would refuse.
 */
public final class ZooCost {
    /** A small N range, so that a run on the page takes seconds (two cores: about 10 s for five mechanisms). */
    public static final String DEFAULT_SIZES = "64,128,256,512,1024";
    public static final int DEFAULT_D = 32;
    public static final double DEFAULT_BUDGET_SECONDS = 0.25;
    public static final int DEFAULT_RUNS = 3;
    /** The largest N the page accepts (the CLI takes any). */
    public static final int MAX_N = 65_536;

    private ZooCost() {}

    /**
     * Options for the bench. {@code sizes} is a comma-separated list of token counts; an engine row
     * (softmax through {@code Ops.attention} on the Java or OpenCL device) needs softmax among the
     * mechanisms, so checking one adds softmax when it is missing.
     *
     * @throws IllegalArgumentException naming the field when a value is out of range
     */
    public static ZooCostBench.Options options(String sizes, int d, double budgetSeconds, int runs,
                                               List<String> mechanisms, boolean javaEngine, boolean openclEngine) {
        List<String> ids = new ArrayList<>(mechanisms);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("Mechanisms: choose at least one on the left");
        }
        List<String> devices = new ArrayList<>();
        if (javaEngine) {
            devices.add("java");
        }
        if (openclEngine) {
            devices.add("opencl");
        }
        if (!devices.isEmpty() && !ids.contains("softmax")) {
            ids.add(0, "softmax");
        }
        Mechanisms.byIds(ids); // an unknown id is the bench's IllegalArgumentException, with the id
        if (!(budgetSeconds > 0) || budgetSeconds > 60) {
            throw new IllegalArgumentException("Budget: between 0 and 60 seconds per forward (got " + budgetSeconds + ")");
        }
        if (runs < 1 || runs > 100) {
            throw new IllegalArgumentException("Runs: 1 to 100 (got " + runs + ")");
        }
        if (d < 1 || d > 1024) {
            throw new IllegalArgumentException("d: 1 to 1024 channels (got " + d + ")");
        }
        return new ZooCostBench.Options(parseSizes(sizes), d, budgetSeconds, Runtime.getRuntime().maxMemory() / 4, runs,
                ids, devices, 7);
    }

    /** "64, 128,256" → {64, 128, 256}; each N from 4 to {@link #MAX_N}. */
    public static int[] parseSizes(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s*,\\s*");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("N: give token counts separated by commas, e.g. " + DEFAULT_SIZES);
        }
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                n[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("N: '" + parts[i] + "' is not a whole number");
            }
            if (n[i] < 4 || n[i] > MAX_N) {
                throw new IllegalArgumentException("N: " + n[i] + " is outside 4 … " + MAX_N);
            }
        }
        return n;
    }

    /** Runs the bench with the task's progress and cancel (a {@link java.util.concurrent.CancellationException} ends it). */
    public static ZooCostBench.Result run(ZooCostBench.Options o, Work.Progress progress) {
        return ZooCostBench.run(o, new PrintStream(OutputStream.nullOutputStream()), new LabProgress() {
            @Override
            public void update(String message, double fraction) {
                progress.message("Cost: " + message);
                progress.update(fraction, 1);
            }

            @Override
            public boolean cancelled() {
                return progress.isCancelled();
            }
        });
    }
}
