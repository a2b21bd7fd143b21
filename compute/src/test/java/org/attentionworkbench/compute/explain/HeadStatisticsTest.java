package org.attentionworkbench.compute.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class HeadStatisticsTest {
    private static final int GH = 4;
    private static final int GW = 5;

    /** Head 0 looks at itself, head 1 at its right neighbour (left in the last column), head 2 one row down (up in the last row). */
    private static int target(int h, int q) {
        if (q == 0) {
            return 0; // class token looks at itself
        }
        int p = q - 1;
        int r = p / GW;
        int c = p % GW;
        return 1 + switch (h) {
            case 0 -> p;
            case 1 -> r * GW + (c + 1 < GW ? c + 1 : c - 1);
            default -> (r + 1 < GH ? r + 1 : r - 1) * GW + c;
        };
    }

    @Test
    void neighbourHeadsHaveAKnownMeanDistance() {
        AttentionMaps m = Maps.oneHot(2, 3, 1, GH, GW, HeadStatisticsTest::target);
        HeadStatistics s = HeadStatistics.compute(m, 16.0);
        for (int l = 0; l < 2; l++) {
            assertEquals(0.0, s.meanDistancePx(l, 0), 1e-9, "self");
            assertEquals(16.0, s.meanDistancePx(l, 1), 1e-6, "neighbour in the row");
            assertEquals(16.0, s.meanDistancePx(l, 2), 1e-6, "neighbour in the column");
            for (int h = 0; h < 3; h++) {
                assertEquals(0.0, s.entropy(l, h), 1e-12, "one-hot rows have no entropy");
            }
        }
    }

    @Test
    void uniformAttentionHasEntropyLogNAndTheMeanPairDistance() {
        AttentionMaps m = Maps.uniform(1, 2, 1, 3, 3);
        HeadStatistics s = HeadStatistics.compute(m, 8.0);
        assertEquals(Math.log(10), s.entropy(0, 1), 1e-6);
        // mean over query patches of the mean distance to all 9 patches (the class token's share renormalised away)
        double total = 0;
        for (int q = 0; q < 9; q++) {
            for (int k = 0; k < 9; k++) {
                total += 8.0 * Math.hypot(q / 3 - k / 3, q % 3 - k % 3);
            }
        }
        assertEquals(total / 81, s.meanDistancePx(0, 0), 1e-5);
    }

    @Test
    void textUsesTokenPositions() {
        int n = 6;
        float[] d = new float[n * n];
        for (int q = 0; q < n; q++) {
            d[q * n + (q < n - 2 ? q + 2 : q - 2)] = 1f;
        }
        AttentionMaps m = new AttentionMaps(d, 1, 1, n, 0, 0, 0);
        assertEquals(2.0, HeadStatistics.compute(m, 1.0).meanDistancePx(0, 0), 1e-9);
    }

    @Test
    void writesOneRowPerHead() {
        AttentionMaps m = Maps.random(3, 2, 3, 1, 2, 2);
        HeadStatistics s = HeadStatistics.compute(m, 14.0);
        String[] lines = s.toCsv().split("\n");
        assertEquals("layer,head,mean_distance_px,entropy_nats", lines[0]);
        assertEquals(1 + 2 * 3, lines.length);
        String[] row = lines[1 + 1 * 3 + 2].split(",");
        assertEquals("1", row[0]);
        assertEquals("2", row[1]);
        assertEquals(s.meanDistancePx(1, 2), Double.parseDouble(row[2]), 1e-6);
        assertEquals(s.entropy(1, 2), Double.parseDouble(row[3]), 1e-6);
        JsonObject json = JsonParser.parseString(s.toJson()).getAsJsonObject();
        JsonArray rows = json.getAsJsonArray("heads_stats");
        assertEquals(6, rows.size());
        JsonObject r = rows.get(5).getAsJsonObject();
        assertEquals(1, r.get("layer").getAsInt());
        assertEquals(2, r.get("head").getAsInt());
        assertEquals(s.entropy(1, 2), r.get("entropy_nats").getAsDouble(), 0);
        for (double e : s.entropy()) {
            assertTrue(e > 0 && e < Math.log(5) + 1e-9, "entropy " + e + " within (0, ln N]");
        }
    }
}
