package org.attentionworkbench.viewers.points.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two renderers draw the same scene to nearly the same picture, pixel by pixel. Tolerance: at
 * least 99.9 % of pixels show the same point id and at most 1 apart in every colour channel. Exact
 * equality is not possible: llvmpipe snaps positions to 1/256 px, so a square edge within ~0.004 px of
 * a pixel centre may fall the other way (measured 0.002 % of ids differ), and EDL's exp/log2 in float
 * on the GPU differs from Java's by one step of 255 now and then. Runs where GL works: EGL with no
 * display (Mesa surfaceless), GLX under Xvfb; skipped with a message elsewhere.
 */
class GlVsJavaRendererTest {
    private static final int W = 640;
    private static final int H = 400;
    private static GlPointRenderer gl;
    private static JavaPointRenderer java;
    private static float[] xyz;
    private static int[] argb;

    @BeforeAll
    static void open() {
        try {
            gl = new GlPointRenderer();
        } catch (RendererUnavailableException e) {
            Assumptions.abort("OpenGL unavailable, GL vs Java comparison skipped: " + e.getMessage());
        }
        java = new JavaPointRenderer();
        // a wavy terrain with a box standing on it: silhouettes for EDL, overlaps for the depth test
        Random rnd = new Random(14);
        int n = 60_000;
        xyz = new float[3 * n];
        argb = new int[n];
        for (int i = 0; i < n; i++) {
            float x;
            float y;
            float z;
            if (i % 5 == 0) {
                x = rnd.nextFloat() * 0.6f - 0.3f;
                y = rnd.nextFloat() * 0.6f - 0.3f;
                z = rnd.nextFloat() * 0.8f;
            } else {
                x = rnd.nextFloat() * 4 - 2;
                y = rnd.nextFloat() * 4 - 2;
                z = (float) (0.15 * Math.sin(3 * x) * Math.cos(2 * y));
            }
            xyz[3 * i] = x;
            xyz[3 * i + 1] = y;
            xyz[3 * i + 2] = z;
            argb[i] = 0xFF000000 | rnd.nextInt(0x1000000);
        }
    }

    @AfterAll
    static void close() {
        if (gl != null) {
            gl.close();
        }
        if (java != null) {
            java.close();
        }
    }

    @ParameterizedTest(name = "{0} size {1} {2} edl={3}")
    @CsvSource({
        "perspective, 1, FIXED, false",
        "perspective, 2, FIXED, false",
        "perspective, 3, FIXED, true",
        "perspective, 5, FIXED, true",
        "perspective, 1.5, ATTENUATED, true",
        "orthographic, 2, FIXED, false",
        "orthographic, 3, FIXED, true",
    })
    void bothRenderersDrawTheSamePicture(String projection, float size, SizeMode mode, boolean edl) {
        Camera cam = new Camera();
        cam.setSceneRadius(3);
        cam.setOrthographic(projection.equals("orthographic"));
        cam.fit(new double[] {-2, -2, -0.2}, new double[] {2, 2, 0.8}, W, H);
        cam.view(Camera.View.ISO);
        cam.fit(new double[] {-2, -2, -0.2}, new double[] {2, 2, 0.8}, W, H);
        RenderSettings s = RenderSettings.of(W, H).withPointSize(size, mode).withSpacing(0.02f)
                .withEdl(edl, 1f, 1.4f);
        List<PointBatch> scene = List.of(PointBatch.of(xyz, argb));
        Frame a = copy(gl.render(scene, cam, s));
        Frame b = java.render(scene, cam, s);

        int n = W * H;
        int idsDiffer = 0;
        int coloursDiffer = 0;
        int drawn = 0;
        for (int p = 0; p < n; p++) {
            if (a.ids()[p] != b.ids()[p]) {
                idsDiffer++;
            }
            if (b.ids()[p] >= 0) {
                drawn++;
            }
            if (!withinOne(a.argb()[p], b.argb()[p])) {
                coloursDiffer++;
            }
        }
        assertTrue(drawn > n / 20, "the scene covers the frame: " + drawn + " pixels drawn");
        assertTrue(idsDiffer <= n / 1000, idsDiffer + " of " + n + " pixels show another point");
        assertTrue(coloursDiffer <= n / 1000, coloursDiffer + " of " + n + " pixels differ by more than 1");
    }

    private static Frame copy(Frame f) {
        return new Frame(f.width(), f.height(), f.argb().clone(), f.ids().clone(), f.depth().clone());
    }

    private static boolean withinOne(int x, int y) {
        for (int shift = 0; shift < 32; shift += 8) {
            if (Math.abs(((x >>> shift) & 0xFF) - ((y >>> shift) & 0xFF)) > 1) {
                return false;
            }
        }
        return true;
    }
}
