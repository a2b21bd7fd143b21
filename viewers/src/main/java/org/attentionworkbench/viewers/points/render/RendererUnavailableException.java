package org.attentionworkbench.viewers.points.render;

/**
 * A renderer could not start here (no display, no libGL/libEGL, OpenGL older than 3.3, shaders that
 * do not compile on this driver). The message says which, for the status bar's fallback note.
 */
public final class RendererUnavailableException extends RuntimeException {
    public RendererUnavailableException(String message) {
        super(message);
    }

    public RendererUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
