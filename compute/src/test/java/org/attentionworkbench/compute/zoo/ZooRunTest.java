package org.attentionworkbench.compute.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.zoo.mechanisms.Mechanisms;
import org.junit.jupiter.api.Test;

class ZooRunTest {
    /** A mechanism that always fails, and one that refuses this input: neither may stop the run. */
    private static Mixer broken(String id, boolean refuse) {
        return new Mixer() {
            @Override public String id() { return id; }
            @Override public String title() { return id; }
            @Override public String reference() { return "test"; }
            @Override public Probe probe() { return Probe.V_PROBE; }
            @Override public String learnedParts(ZooInput in) { return "none"; }
            @Override public String unsupported(ZooInput in) { return refuse ? "needs a 3-D grid" : null; }
            @Override public float[] forward(ZooInput in, float[] values, int dv) {
                throw new IllegalStateException("boom in " + id);
            }
            @Override public double flops(int n, int d) { return n; }
        };
    }

    @Test
    void everyMechanismGetsAnEntryAndFailuresAreReportedNotThrown() {
        ZooInput in = ZooInputs.synthetic(4, 5, 8, 3);
        List<Mixer> mixers = new ArrayList<>(Mechanisms.all());
        mixers.add(1, broken("boom", false));
        mixers.add(broken("refuses", true));
        ZooRun.Result r = ZooRun.run(in, Mechanisms.softmax(), mixers, LabProgress.NONE);
        assertEquals(mixers.size(), r.entries().size());
        for (int i = 0; i < mixers.size(); i++) {
            assertEquals(mixers.get(i).id(), r.entries().get(i).mixer().id());
        }
        ZooRun.Entry softmax = r.entries().get(0);
        assertTrue(softmax.ok());
        assertEquals(0, softmax.comparison().relMatrixError(), 1e-7);
        assertEquals(0, softmax.comparison().relOutputError(), 1e-6);
        ZooRun.Entry boom = r.entries().get(1);
        assertFalse(boom.ok());
        assertTrue(boom.error().contains("boom in boom"), boom.error());
        ZooRun.Entry refused = r.entries().get(mixers.size() - 1);
        assertTrue(refused.error().contains("needs a 3-D grid"), refused.error());
        for (ZooRun.Entry e : r.entries()) {
            if (e.ok()) {
                assertNull(e.error());
                assertEquals(in.n() * in.d(), e.output().length, e.mixer().id());
                assertTrue(e.millis() >= 0);
                assertFalse(e.learnedParts().isBlank());
            }
        }
        // sigmoid is not softmax: a non-zero error and rows that do not sum to one
        ZooRun.Entry sigmoid = r.entries().stream().filter(e -> e.mixer().id().equals("sigmoid")).findFirst().orElseThrow();
        assertTrue(sigmoid.comparison().relMatrixError() > 0.01);
        assertFalse(sigmoid.comparison().stochastic());
        assertTrue(sigmoid.comparison().rowSumMax() - sigmoid.comparison().rowSumMin() > 1e-3);

        FigureSet f = r.figures();
        long ok = r.entries().stream().filter(ZooRun.Entry::ok).count();
        assertEquals(ok, f.heatmaps().size());
        assertEquals(in.n(), f.heatmaps().get(0).rows());
        assertEquals(2, f.plots().size());
        assertEquals(ok + 1, f.plots().get(0).series().size(), "every mechanism and the softmax reference");
        assertEquals(mixers.size(), f.tables().get(0).rows().size());
        assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("boom: ")));
        assertEquals(sigmoid.comparison().relMatrixError(), f.scalars().get("rel_matrix_error.sigmoid"));
        // the row-sum histogram counts every row once
        double rows = 0;
        for (double y : f.plots().get(1).series().get(0).y()) {
            rows += y;
        }
        assertEquals(in.n(), rows);
    }

    @Test
    void cancelStopsBetweenMechanisms() {
        ZooInput in = ZooInputs.synthetic(1, 6, 4, 1);
        LabProgress cancelled = new LabProgress() {
            @Override public void update(String message, double fraction) {}
            @Override public boolean cancelled() { return true; }
        };
        assertThrows(CancellationException.class, () -> ZooRun.run(in, Mechanisms.softmax(), Mechanisms.all(), cancelled));
    }

    @Test
    void largeMatricesAreBlockAveragedForTheFigures() {
        float[] m = new float[6 * 6];
        for (int i = 0; i < 6; i++) {
            m[i * 6 + i] = 1;
        }
        float[] small = ZooRun.blockMean(m, 6, 3);
        assertEquals(0.5f, small[0], 1e-6);
        assertEquals(0f, small[1], 1e-6);
        assertEquals(0.5f, small[8], 1e-6);
    }
}
