package org.attentionworkbench.viewers.points.render;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The choice of point renderer, as compute's {@code Devices} chooses a device.
 *
 * <p>Selectors (setting, {@code --renderer}, {@value #PROPERTY}, {@value #ENV}): {@code auto}
 * (default: OpenGL on a GPU; Java where no context can be made or GL is a software rasteriser such as
 * Mesa's llvmpipe, which the Java renderer beats on the same cores), {@code gl}, {@code java}. A GL failure
 * never crashes: it falls back to the Java renderer with the reason in {@link Selection#note()}
 * (for {@code gl}, a note that says plainly the request was not honoured).
 */
public final class PointRenderers {
    private static final Logger LOG = Logger.getLogger(PointRenderers.class.getName());

    /** Environment variable holding a renderer selector. */
    public static final String ENV = "WORKBENCH_RENDERER";
    /** System property holding a renderer selector (wins over the environment). */
    public static final String PROPERTY = "workbench.renderer";

    private PointRenderers() {}

    /** An opened renderer and a note for the user (why this one; what failed on the way). */
    public record Selection(PointRenderer renderer, String note) {}

    /** The selector from the system property, then the environment, else {@code auto}. */
    public static String configuredSelector() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) {
            s = System.getenv(ENV);
        }
        return s == null || s.isBlank() ? "auto" : s.trim();
    }

    /** Opens the renderer a selector names, with {@link JavaPointRenderer} as the fallback. */
    public static Selection open(String selector) {
        return open(selector, JavaPointRenderer::new);
    }

    /**
     * Opens the renderer a selector names ({@code null}: {@link #configuredSelector()}).
     *
     * @param javaRenderer makes the Java renderer (used for {@code java} and every fallback)
     */
    public static Selection open(String selector, Supplier<PointRenderer> javaRenderer) {
        Objects.requireNonNull(javaRenderer, "javaRenderer");
        String sel = (selector == null || selector.isBlank() ? configuredSelector() : selector.trim())
                .toLowerCase(Locale.ROOT);
        switch (sel) {
            case "java" -> {
                return new Selection(javaRenderer.get(), "Java renderer (selected)");
            }
            case "gl", "opengl", "auto" -> {
                boolean asked = !sel.equals("auto");
                try {
                    GlPointRenderer gl = new GlPointRenderer();
                    if (!asked && gl.isSoftware()) {
                        // measured (BENCHMARKS.md, bench pointcloud-draw): GL on a CPU rasteriser such as
                        // llvmpipe draws 1M points ~15x slower than the Java renderer on the same cores
                        String why = gl.glRenderer();
                        gl.close();
                        return new Selection(javaRenderer.get(), "Java renderer (auto): OpenGL here is " + why
                                + ", a software rasteriser, slower than the Java renderer");
                    }
                    return new Selection(gl, asked ? "OpenGL renderer (selected): " + gl.description()
                            : "OpenGL renderer (auto): " + gl.description());
                } catch (RendererUnavailableException | LinkageError e) {
                    String why = e.getMessage();
                    if (asked) {
                        LOG.warning("OpenGL renderer requested but unavailable: " + why);
                        return new Selection(javaRenderer.get(),
                                "Java renderer: OpenGL was requested but FAILED (" + why + ")");
                    }
                    LOG.info("OpenGL renderer unavailable: " + why);
                    return new Selection(javaRenderer.get(), "Java renderer: no OpenGL (" + why + ")");
                }
            }
            default -> {
                return new Selection(javaRenderer.get(), "Java renderer: unknown renderer '" + sel
                        + "' (use auto, gl or java)");
            }
        }
    }
}
