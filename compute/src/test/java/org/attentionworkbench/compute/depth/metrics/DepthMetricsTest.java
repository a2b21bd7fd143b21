package org.attentionworkbench.compute.depth.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-computed tiny cases, masks, exact alignment recovery, errors and the JSON file. */
class DepthMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void eachMetricOnFourPixels() {
        // ratios 1.1, 1.5, 1.9, 3 fall in δ1, δ2, δ3 and none of them, one each.
        DepthScores s = DepthMetrics.evaluate(new float[] {1.1f, 1.5f, 1.9f, 3f}, new float[] {1, 1, 1, 1},
                Alignment.NONE);
        double[] p = {1.1f, 1.5f, 1.9f, 3f};
        assertEquals((p[0] - 1 + p[1] - 1 + p[2] - 1 + p[3] - 1) / 4, s.absRel(), EPS);
        double sq = 0;
        double sqLog = 0;
        for (double v : p) {
            sq += (v - 1) * (v - 1);
            sqLog += Math.log(v) * Math.log(v);
        }
        assertEquals(sq / 4, s.sqRel(), EPS);
        assertEquals(Math.sqrt(sq / 4), s.rmse(), EPS);
        assertEquals(Math.sqrt(sqLog / 4), s.rmseLog(), EPS);
        assertEquals(0.25, s.delta1(), EPS);
        assertEquals(0.50, s.delta2(), EPS);
        assertEquals(0.75, s.delta3(), EPS);
        assertEquals(4, s.validPixels());
    }

    @Test
    void relativeMetricsDivideByGroundTruth() {
        // |p-g|/g = 1, 0, 0.5; (p-g)²/g = 1, 0, 1; ln p - ln g = ln2, 0, -ln2; ratios 2, 1, 2.
        DepthScores s = DepthMetrics.evaluate(new float[] {2, 2, 2}, new float[] {1, 2, 4}, Alignment.NONE);
        assertEquals(0.5, s.absRel(), EPS);
        assertEquals(2.0 / 3, s.sqRel(), EPS);
        assertEquals(Math.sqrt(5.0 / 3), s.rmse(), EPS);
        assertEquals(Math.sqrt(2.0 / 3) * Math.log(2), s.rmseLog(), EPS);
        assertEquals(1.0 / 3, s.delta1(), EPS);
        assertEquals(1.0 / 3, s.delta3(), EPS);
    }

    @Test
    void invalidGroundTruthAndMaskedPixelsDoNotCount() {
        float nan = Float.NaN;
        float[] gt = {2, 0, nan, Float.POSITIVE_INFINITY, -3, 9, 0.05f, 2};
        float[] pred = {2, 7, 7, 7, 7, 7, 7, nan};
        boolean[] mask = {true, true, true, true, true, true, true, false};
        DepthScores s = DepthMetrics.evaluate(pred, gt, mask, ValidRange.STANFORD2D3D, Alignment.NONE);
        assertEquals(1, s.validPixels());
        assertEquals(0, s.absRel(), EPS);
        assertEquals(1, s.delta1(), EPS);
        // without the range only the 9 m and 0.05 m pixels join (both predicted 7)
        DepthScores any = DepthMetrics.evaluate(pred, gt, mask, ValidRange.ANY, Alignment.NONE);
        assertEquals(3, any.validPixels());
        double near = 0.05f; // the float the ground truth holds
        assertEquals((2.0 / 9 + (7 - near) / near) / 3, any.absRel(), 1e-9);
    }

    @Test
    void rangeIsOpenBelowAndClosedAbove() {
        DepthScores s = DepthMetrics.evaluate(new float[] {1, 1, 1}, new float[] {0.1f, 8, 1},
                null, new ValidRange(0.1f, 8), Alignment.NONE);
        assertEquals(2, s.validPixels());
    }

    @Test
    void nonPositivePredictionsAreClampedToOneMillimetre() {
        DepthScores s = DepthMetrics.evaluate(new float[] {-1, 0}, new float[] {1, 1}, Alignment.NONE);
        assertEquals(1 - DepthMetrics.MIN_PREDICTION, s.absRel(), EPS);
        assertEquals(Math.log(1 / DepthMetrics.MIN_PREDICTION), s.rmseLog(), 1e-9);
        assertEquals(0, s.delta3(), EPS);
    }

    @Test
    void medianScalingRecoversScale() {
        float[] gt = {1, 2, 3, 4, 6};
        float[] pred = new float[gt.length];
        for (int i = 0; i < gt.length; i++) {
            pred[i] = gt[i] * 0.25f;
        }
        DepthScores s = DepthMetrics.evaluate(pred, gt, Alignment.MEDIAN);
        assertEquals(4, s.scale(), 1e-12);
        assertEquals(0, s.absRel(), 1e-12);
        assertEquals(1, s.delta1(), 0);
        // NONE leaves the scale error in place
        assertEquals(0.75, DepthMetrics.evaluate(pred, gt, Alignment.NONE).absRel(), 1e-12);
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddlePair() {
        assertEquals(2.5, DepthMetrics.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(3, DepthMetrics.median(new double[] {5, 3, 1}), 0);
    }

    @Test
    void leastSquaresInDepthRecoversScaleAndShift() {
        float[] gt = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] pred = new float[gt.length];
        for (int i = 0; i < gt.length; i++) {
            pred[i] = 0.5f * gt[i] + 0.25f; // exact in float: gt = 2·pred − 0.5
        }
        DepthScores s = DepthMetrics.evaluate(pred, gt, Alignment.LEAST_SQUARES_DEPTH);
        assertEquals(2, s.scale(), 1e-6);
        assertEquals(-0.5, s.shift(), 1e-6);
        assertEquals(0, s.absRel(), 1e-6);
        assertEquals(0, s.rmse(), 1e-6);
    }

    @Test
    void leastSquaresInInverseDepthRecoversScaleAndShift() {
        float[] gt = {0.5f, 1, 2, 4, 8};
        float[] disparity = new float[gt.length];
        for (int i = 0; i < gt.length; i++) {
            disparity[i] = 0.5f / gt[i] + 0.25f; // exact in float: 1/gt = 2·disparity − 0.5
        }
        DepthScores s = DepthMetrics.evaluate(disparity, gt, Alignment.LEAST_SQUARES_INVERSE);
        assertEquals(2, s.scale(), 1e-6);
        assertEquals(-0.5, s.shift(), 1e-6);
        assertEquals(0, s.absRel(), 1e-6);
        assertEquals(0, s.rmseLog(), 1e-6);
        // the same data fitted in depth is not affine, so the depth fit cannot be exact
        assertTrue(DepthMetrics.evaluate(disparity, gt, Alignment.LEAST_SQUARES_DEPTH).absRel() > 0.05);
    }

    @Test
    void inverseAlignmentCapsDisparityAtOneOverMaxDepth() {
        // 1/gt = {1, 0.25, 0.25} on x = {0, 1, 2}: s = -0.375, t = 0.875, fitted {0.875, 0.5, 0.125}.
        // 0.125 is below 1/cap, so the third pixel becomes cap metres instead of 8.
        float[] gt = {1, 4, 4};
        float[] disparity = {0, 1, 2};
        DepthScores fromData = DepthMetrics.evaluate(disparity, gt, Alignment.LEAST_SQUARES_INVERSE);
        assertEquals(-0.375, fromData.scale(), 1e-12);
        assertEquals(0.875, fromData.shift(), 1e-12);
        assertEquals((1.0 / 7 + 0.5 + 0) / 3, fromData.absRel(), 1e-12); // cap = max gt = 4 m
        DepthScores fromRange = DepthMetrics.evaluate(disparity, gt, null, new ValidRange(0, 4.5),
                Alignment.LEAST_SQUARES_INVERSE);
        assertEquals((1.0 / 7 + 0.5 + 0.5 / 4) / 3, fromRange.absRel(), 1e-12); // cap = 4.5 m
    }

    @Test
    void allInvalidIsAClearError() {
        InvalidDepthInputException x = assertThrows(InvalidDepthInputException.class,
                () -> DepthMetrics.evaluate(new float[] {1, 1}, new float[] {0, Float.NaN}, Alignment.NONE));
        assertTrue(x.getMessage().contains("no valid ground-truth pixel"), x.getMessage());
        boolean[] none = {false, false};
        x = assertThrows(InvalidDepthInputException.class, () -> DepthMetrics.evaluate(new float[] {1, 1},
                new float[] {1, 1}, none, ValidRange.ANY, Alignment.MEDIAN));
        assertTrue(x.getMessage().contains("inside the mask"), x.getMessage());
    }

    @Test
    void mismatchedSizesAreClearErrors() {
        InvalidDepthInputException x = assertThrows(InvalidDepthInputException.class,
                () -> DepthMetrics.evaluate(new float[3], new float[4], Alignment.NONE));
        assertTrue(x.getMessage().contains("prediction has 3 pixels but ground truth has 4"), x.getMessage());
        x = assertThrows(InvalidDepthInputException.class, () -> DepthMetrics.evaluate(new float[] {1},
                new float[] {1}, new boolean[2], ValidRange.ANY, Alignment.NONE));
        assertTrue(x.getMessage().contains("mask has 2 pixels"), x.getMessage());
    }

    @Test
    void nonFinitePredictionOnValidPixelAndDegenerateFitsAreErrors() {
        InvalidDepthInputException x = assertThrows(InvalidDepthInputException.class,
                () -> DepthMetrics.evaluate(new float[] {1, Float.NaN}, new float[] {1, 2}, Alignment.NONE));
        assertTrue(x.getMessage().contains("pixel 1"), x.getMessage());
        x = assertThrows(InvalidDepthInputException.class,
                () -> DepthMetrics.evaluate(new float[] {3, 3}, new float[] {1, 2}, Alignment.LEAST_SQUARES_INVERSE));
        assertTrue(x.getMessage().contains("two different predictions"), x.getMessage());
        x = assertThrows(InvalidDepthInputException.class,
                () -> DepthMetrics.evaluate(new float[] {-1, 0, 1}, new float[] {1, 2, 3}, Alignment.MEDIAN));
        assertTrue(x.getMessage().contains("positive median"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ValidRange(5, 5));
    }

    @Test
    void writesMetricsJson(@TempDir Path dir) throws Exception {
        DepthScores s = DepthMetrics.evaluate(new float[] {2, 2, 2}, new float[] {1, 2, 4}, Alignment.NONE);
        Path file = dir.resolve("metrics.json");
        DepthMetricsJson.write(file, s);
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(0.5, o.get("AbsRel").getAsDouble(), EPS);
        assertEquals(Math.sqrt(5.0 / 3), o.get("RMSE").getAsDouble(), EPS);
        assertEquals(3, o.get("valid_pixels").getAsInt());
        assertEquals("NONE", o.get("alignment").getAsString());
        assertEquals(11, o.size());
    }
}
