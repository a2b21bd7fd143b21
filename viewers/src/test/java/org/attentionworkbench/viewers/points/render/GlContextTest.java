package org.attentionworkbench.viewers.points.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

/**
 * Every way of making the context (EGL surfaceless, an EGL device, a hidden GLFW window) gives the
 * same frame; each skips with the reason where it is unavailable (EGL: no Mesa EGL; GLFW: no display).
 */
class GlContextTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(GlContext.PROPERTY);
    }

    private static Frame renderWith(String kind) {
        System.setProperty(GlContext.PROPERTY, kind);
        GlPointRenderer gl;
        try {
            gl = new GlPointRenderer();
        } catch (RendererUnavailableException e) {
            Assumptions.abort(kind + " context unavailable here: " + e.getMessage());
            throw e;
        } finally {
            System.clearProperty(GlContext.PROPERTY);
        }
        try (gl) {
            assertEquals(kind, gl.contextKind());
            assertTrue(gl.description().contains(kind + ")"), gl.description());
            Camera cam = new Camera();
            cam.setDistance(4);
            float[] xyz = {0, 0, 0, 0.3f, 0.1f, 0.2f, -0.4f, 0.5f, -0.1f};
            int[] argb = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF};
            Frame f = gl.render(List.of(PointBatch.of(xyz, argb)), cam, RenderSettings.of(64, 48)
                    .withPointSize(3, SizeMode.FIXED).withEdl(true, 1, 1.4f));
            return new Frame(f.width(), f.height(), f.argb().clone(), f.ids().clone(), f.depth().clone());
        }
    }

    @Test
    void eglWithoutAnySurfaceRenders() {
        Frame f = renderWith("egl");
        assertEquals(27, Arrays.stream(f.ids()).filter(id -> id >= 0).count(), "three 3x3 points");
    }

    @ParameterizedTest
    @ValueSource(strings = {"glfw", "egl-device"})
    void otherContextsRenderTheSameAsEgl(String kind) {
        Frame other = renderWith(kind);
        Frame egl;
        try {
            egl = renderWith("egl");
        } catch (TestAbortedException e) {
            assertEquals(27, Arrays.stream(other.ids()).filter(id -> id >= 0).count());
            return;
        }
        assertArrayEquals(egl.argb(), other.argb());
        assertArrayEquals(egl.ids(), other.ids());
        assertArrayEquals(egl.depth(), other.depth());
    }

    @Test
    void noneRefusesWithTheReason() {
        System.setProperty(GlContext.PROPERTY, "none");
        RendererUnavailableException e = assertThrows(RendererUnavailableException.class, GlPointRenderer::new);
        assertTrue(e.getMessage().contains("disabled"), e.getMessage());
    }
}
