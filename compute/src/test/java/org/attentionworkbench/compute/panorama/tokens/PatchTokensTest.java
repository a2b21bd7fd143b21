package org.attentionworkbench.compute.panorama.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.panorama.Gnomonic;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.junit.jupiter.api.Test;

class PatchTokensTest {
    // a patch looking at λ = 30°, 20° below the horizon (Equirect latitude +20°), ±0.5 on the plane, 42² px
    private final TangentPatch patch = new TangentPatch(Math.toRadians(30), Math.toRadians(20), -0.5, 0.5, -0.5, 0.5,
            42, 42);

    /** The tangent point of token (i, j)'s centre, as (lon, lat). */
    private double[] tokenCentre(int i, int j, int gh, int gw) {
        double ax = (j + 0.5) * patch.width() / gw, ay = (i + 0.5) * patch.height() / gh;
        double[] ll = new double[2];
        Gnomonic.inverse(patch.x(ax - 0.5), patch.y(ay - 0.5), patch.lon0(), patch.lat0(), ll);
        return ll;
    }

    @Test
    void oneHotTokenLandsWhereThatTokenLooks() {
        int gh = 3, gw = 3, w = 360, h = 180;
        for (ErpPixels pixels : ErpPixels.values()) {
            for (int t = 0; t < gh * gw; t++) {
                float[] grid = new float[gh * gw];
                grid[t] = 1;
                float[] erp = PatchTokens.toErp(grid, gh, gw, patch, w, h, pixels);
                // the ERP pixel at the token's centre direction is 1; the patch centre direction belongs to token 4
                double[] ll = tokenCentre(t / gw, t % gw, gh, gw);
                int c = (int) Math.round(pixels.column(ll[0], w)), r = (int) Math.round(pixels.row(-ll[1], h));
                assertEquals(1f, erp[r * w + c], pixels + " token " + t);
                int cc = (int) Math.round(pixels.column(patch.lon0(), w)), rc = (int) Math.round(pixels.row(-patch.lat0(), h));
                assertEquals(t == 4 ? 1f : 0f, erp[rc * w + cc], pixels + " token " + t + " at the patch centre");
                // the lit area is about one ninth of the patch's footprint
                int lit = 0, seen = 0;
                for (float v : erp) {
                    if (!Float.isNaN(v)) {
                        seen++;
                        lit += v == 1f ? 1 : 0;
                    }
                }
                assertTrue(lit > seen / 16 && lit < seen / 5, "token " + t + ": " + lit + " of " + seen);
            }
        }
    }

    @Test
    void outsideThePatchIsNaNAndTokenAtAgrees() {
        int gh = 2, gw = 4, w = 200, h = 100;
        float[] grid = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] erp = PatchTokens.toErp(grid, gh, gw, patch, w, h, ErpPixels.ENDPOINTS);
        // opposite side of the sphere: no value
        int c = (int) Math.round(ErpPixels.ENDPOINTS.column(Math.toRadians(-150), w));
        int r = (int) Math.round(ErpPixels.ENDPOINTS.row(0, h));
        assertTrue(Float.isNaN(erp[r * w + c]));
        assertEquals(-1, PatchTokens.tokenAt(patch, gh, gw, Math.toRadians(-150), 0));
        int checked = 0;
        for (int rr = 0; rr < h; rr++) {
            for (int cc = 0; cc < w - 1; cc++) {
                double lon = ErpPixels.ENDPOINTS.longitude(cc, w), lat = -ErpPixels.ENDPOINTS.elevation(rr, h);
                int t = PatchTokens.tokenAt(patch, gh, gw, lon, lat);
                float v = erp[rr * w + cc];
                if (t < 0) {
                    assertTrue(Float.isNaN(v));
                } else {
                    assertEquals(grid[t], v);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100);
        // top-left token (0) is up and to the left of the centre: smaller longitude, smaller (upper) latitude
        assertEquals(0, PatchTokens.tokenAt(patch, gh, gw, patch.lon0() - 0.3, patch.lat0() - 0.2));
        assertEquals(7, PatchTokens.tokenAt(patch, gh, gw, patch.lon0() + 0.3, patch.lat0() + 0.2));
    }

    @Test
    void nearestPatchAndRenderFollowTheLayout() {
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 32);
        for (int i = 0; i < layout.size(); i++) {
            TangentPatch p = layout.patch(i);
            assertEquals(i, PatchTokens.nearestPatch(layout, p.lon0() + 0.01, Math.max(-1.5, Math.min(1.5, p.lat0()))));
        }
        // a panorama that is red above the horizon and blue below: the patch's top row is red, bottom blue
        RgbImage img = PatchTokens.render(patch, (lon, lat) -> lat < 0 ? 0xff0000 : 0x0000ff);
        assertEquals(42, img.width());
        // the patch looks 20° down and reaches ±26.6°: its top row is above the horizon
        assertEquals(0xff0000, img.rgb()[20]);
        assertEquals(0x0000ff, img.rgb()[img.width() * 41 + 20]);
        assertEquals(0x0000ff, img.rgb()[img.width() * 21 + 21]);
    }
}
