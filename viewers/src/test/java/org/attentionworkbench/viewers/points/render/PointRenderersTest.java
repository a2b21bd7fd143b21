package org.attentionworkbench.viewers.points.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The renderer choice: java, gl, auto, and the fallbacks with their notes. */
class PointRenderersTest {
    /** Stands in for JavaPointRenderer (another branch); only its identity matters here. */
    private static final class StubRenderer implements PointRenderer {
        @Override
        public String name() {
            return "java";
        }

        @Override
        public String description() {
            return "stub";
        }

        @Override
        public Frame render(List<PointBatch> batches, Camera camera, RenderSettings settings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    private final StubRenderer stub = new StubRenderer();
    private final Supplier<PointRenderer> java = () -> stub;

    @AfterEach
    void clearProperties() {
        System.clearProperty(GlContext.PROPERTY);
        System.clearProperty(PointRenderers.PROPERTY);
    }

    @Test
    void softwareRasterisersAreRecognised() {
        assertTrue(GlPointRenderer.isSoftwareRasterizer("llvmpipe (LLVM 15.0.6, 256 bits)"));
        assertTrue(GlPointRenderer.isSoftwareRasterizer("softpipe"));
        assertTrue(GlPointRenderer.isSoftwareRasterizer("GDI Generic"));
        assertFalse(GlPointRenderer.isSoftwareRasterizer("NVIDIA GeForce RTX 4070/PCIe/SSE2"));
        assertFalse(GlPointRenderer.isSoftwareRasterizer("AMD Radeon RX 7900 XTX (radeonsi, navi31, LLVM 17.0.6)"));
        assertFalse(GlPointRenderer.isSoftwareRasterizer("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
    }

    @Test
    void javaGivesTheSuppliedRenderer() {
        PointRenderers.Selection s = PointRenderers.open("java", java);
        assertSame(stub, s.renderer());
        assertEquals("Java renderer (selected)", s.note());
    }

    @Test
    void glThatFailsFallsBackAndSaysSoLoudly() {
        System.setProperty(GlContext.PROPERTY, "none"); // no GL context can be made
        PointRenderers.Selection s = PointRenderers.open("gl", java);
        assertSame(stub, s.renderer());
        assertTrue(s.note().contains("OpenGL was requested but FAILED"), s.note());
        assertTrue(s.note().contains(GlContext.PROPERTY + "=none"), "the reason is kept: " + s.note());
    }

    @Test
    void autoWithoutGlFallsBackQuietlyWithTheReason() {
        System.setProperty(GlContext.PROPERTY, "none");
        PointRenderers.Selection s = PointRenderers.open("auto", java);
        assertSame(stub, s.renderer());
        assertTrue(s.note().startsWith("Java renderer: no OpenGL ("), s.note());
    }

    @Test
    void nullSelectorReadsTheSystemProperty() {
        System.setProperty(PointRenderers.PROPERTY, "java");
        assertEquals("java", PointRenderers.configuredSelector());
        assertSame(stub, PointRenderers.open(null, java).renderer());
    }

    @Test
    void unknownSelectorFallsBackWithANote() {
        PointRenderers.Selection s = PointRenderers.open("vulkan", java);
        assertSame(stub, s.renderer());
        assertTrue(s.note().contains("unknown renderer 'vulkan'"), s.note());
    }

    @Test
    void autoTakesGlWhereAContextCanBeMade() {
        PointRenderers.Selection s = PointRenderers.open("auto", java);
        try {
            Assumptions.assumeFalse(s.note().startsWith("Java renderer: no OpenGL"), "OpenGL unavailable here: " + s.note());
            boolean software;
            try (GlPointRenderer gl = new GlPointRenderer()) {
                software = gl.isSoftware();
            }
            if (software) { // llvmpipe here: the Java renderer is faster
                assertSame(stub, s.renderer());
                assertTrue(s.note().startsWith("Java renderer (auto): OpenGL here is "), s.note());
            } else {
                assertEquals("gl", s.renderer().name());
                assertTrue(s.note().startsWith("OpenGL renderer (auto): OpenGL "), s.note());
            }
        } finally {
            s.renderer().close();
        }
    }
}
