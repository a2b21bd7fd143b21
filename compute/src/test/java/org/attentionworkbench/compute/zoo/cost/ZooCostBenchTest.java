package org.attentionworkbench.compute.zoo.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.compute.labs.LabProgress;
import org.junit.jupiter.api.Test;

class ZooCostBenchTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void sigmoidAlsoRunsThroughTheEnginesFusedKernel() {
        var o = new ZooCostBench.Options(new int[] {32, 64}, 16, 2, Long.MAX_VALUE, 1, List.of("sigmoid"), List.of("java"), 1);
        var r = ZooCostBench.run(o, QUIET);
        assertEquals(List.of("sigmoid", "sigmoid engine java"), List.copyOf(r.timeExponents().keySet()));
        for (var p : r.points()) {
            assertNull(p.skipped(), p.series() + " N=" + p.n() + " skipped: " + p.skipped());
            assertTrue(p.seconds() > 0);
        }
    }

    @Test
    void slopeOfAPowerLawIsItsExponent() {
        List<double[]> xy = List.of(new double[] {Math.log(100), Math.log(3 * Math.pow(100, 1.7))},
                new double[] {Math.log(400), Math.log(3 * Math.pow(400, 1.7))},
                new double[] {Math.log(900), Math.log(3 * Math.pow(900, 1.7))});
        assertEquals(1.7, ZooCostBench.slope(xy), 1e-12);
        assertTrue(Double.isNaN(ZooCostBench.slope(List.of(new double[] {1, 1}))));
    }

    @Test
    void gridIsNearSquare() {
        assertEquals(List.of(16, 16), List.of(ZooCostBench.grid(256)[0], ZooCostBench.grid(256)[1]));
        assertEquals(List.of(8, 16), List.of(ZooCostBench.grid(128)[0], ZooCostBench.grid(128)[1]));
        assertEquals(List.of(1, 13), List.of(ZooCostBench.grid(13)[0], ZooCostBench.grid(13)[1]));
    }

    @Test
    void measuresSmallSizesAndBuildsTheFigures() {
        var o = new ZooCostBench.Options(new int[] {64, 16, 32}, 8, 2, Long.MAX_VALUE, 2,
                List.of("softmax", "hydra", "uniformer-local"), List.of("java"), 1);
        var r = ZooCostBench.run(o, QUIET);
        // three mechanisms and softmax through the Java engine, at three sizes each
        assertEquals(12, r.points().size());
        for (var p : r.points()) {
            assertNull(p.skipped(), p.series() + " N=" + p.n() + " skipped: " + p.skipped());
            assertTrue(p.seconds() > 0 && p.flops() > 0 && p.bytes() > 0);
        }
        assertEquals(List.of("softmax", "hydra", "uniformer-local", "softmax engine java"),
                List.copyOf(r.timeExponents().keySet()));
        assertEquals(List.of("time", "flops", "bytes", "memory"),
                r.figures().plots().stream().map(p -> p.id()).toList());
        assertTrue(r.figures().plots().get(0).logX() && r.figures().plots().get(0).logY());
        // the reference softmax forms N×N double scores: it allocates more than 8·N² bytes at N = 64
        var soft64 = r.points().stream().filter(p -> p.series().equals("softmax") && p.n() == 64).findFirst().orElseThrow();
        assertTrue(soft64.memory() >= 8.0 * 64 * 64, "allocated " + soft64.memory());
        assertEquals(16.0 * 64 * 8 + 16.0 * 64 * 64, soft64.bytes());
        assertTrue(ZooCostBench.table(r, o.sizes()).contains("softmax engine java"));
        // analytic FLOPs: softmax is quadratic in N (plus the d-term), UniFormer's local conv linear
        assertEquals(2.0, ZooCostBench.flopsExponent(r.points(), "softmax"), 0.01);
        assertEquals(1.0, ZooCostBench.flopsExponent(r.points(), "uniformer-local"), 1e-9);
        assertEquals(r.timeExponents().get("hydra"), r.figures().scalars().get("exponent.time.hydra"));
    }

    @Test
    void pointsOverTheBudgetAreSkippedWithTheReason() {
        var o = new ZooCostBench.Options(new int[] {32, 4096}, 8, 1e-4, Long.MAX_VALUE, 1, List.of("softmax"),
                List.of(), 1);
        var r = ZooCostBench.run(o, QUIET);
        var big = r.points().stream().filter(p -> p.n() == 4096).findFirst().orElseThrow();
        assertNotNull(big.skipped());
        assertTrue(big.skipped().contains("budget"), big.skipped());
        assertTrue(Double.isNaN(big.seconds()));
    }

    /** The first calls allocate like the Vector API before C2 (boxed vectors), later ones do not. */
    @Test
    void warmUpLastsUntilCallsStopAllocating() {
        int[] calls = {0};
        Object[] sink = new Object[1];
        var w = ZooCostBench.warmUntilSettled(() -> {
            if (calls[0]++ < 40) {
                sink[0] = new byte[1 << 20];
            }
        }, 64 * 1024, 20, LabProgress.NONE);
        assertTrue(w.settled());
        assertTrue(w.calls() >= 40 + ZooCostBench.SETTLED_CALLS, "calls " + w.calls());
        assertTrue(w.lastAllocated() < 64 * 1024);
    }

    @Test
    void warmUpThatNeverSettlesStopsAtTheCapAndSaysSo() {
        Object[] sink = new Object[1];
        var w = ZooCostBench.warmUntilSettled(() -> sink[0] = new byte[1 << 20], 64 * 1024, 0.3, LabProgress.NONE);
        assertFalse(w.settled());
        assertTrue(w.seconds() >= 0.3 && w.seconds() < 5, "seconds " + w.seconds());
        assertTrue(w.lastAllocated() >= 1 << 20);
    }

    @Test
    void progressReachesOneAndCancelStopsTheRun() {
        var o = new ZooCostBench.Options(new int[] {16, 32}, 8, 1, Long.MAX_VALUE, 1, List.of("softmax", "hydra"),
                List.of("java"), 1);
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        ZooCostBench.run(o, QUIET, new LabProgress() {
            @Override
            public void update(String message, double fraction) {
                fractions.add(fraction);
                messages.add(message);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "fractions " + fractions);
        }
        assertTrue(messages.contains("hydra, N = 32"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("softmax engine java")), messages.toString());

        int[] asked = {0};
        var cancelAfterAFewChecks = new LabProgress() {
            @Override
            public void update(String message, double fraction) {}

            @Override
            public boolean cancelled() {
                return ++asked[0] > 5;
            }
        };
        assertThrows(CancellationException.class, () -> ZooCostBench.run(o, QUIET, cancelAfterAFewChecks));
    }

    @Test
    void settledAllocationIsTheOutputOrAtLeast64KB() {
        assertEquals(64 * 1024, ZooCostBench.settledAllocation(16, 8));
        assertEquals(4L * 4096 * 64, ZooCostBench.settledAllocation(4096, 64));
    }

    @Test
    void badOptionsAreClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ZooCostBench.Options(new int[] {}, 8, 1, 1, 1,
                List.of("all"), List.of(), 1));
        assertTrue(e.getMessage().contains("--sizes"));
    }
}
