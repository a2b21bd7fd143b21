package org.attentionworkbench.viewers.points.render;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lwjgl.PointerBuffer;
import org.lwjgl.egl.EGL;
import org.lwjgl.egl.EGL10;
import org.lwjgl.egl.EGL12;
import org.lwjgl.egl.EGL14;
import org.lwjgl.egl.EGLCapabilities;
import org.lwjgl.egl.EXTDeviceEnumeration;
import org.lwjgl.egl.EXTDeviceQuery;
import org.lwjgl.egl.EXTPlatformDevice;
import org.lwjgl.glfw.GLFW;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.system.JNI;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * An OpenGL 3.3 core context current on the calling thread, with nothing on screen: a hidden GLFW
 * window (GLX/WGL/Wayland, where a display exists) or an EGL context without a surface (Mesa's
 * surfaceless platform: works with no display at all, e.g. the CLI or CI without Xvfb).
 *
 * <p>Which one: the system property {@value #PROPERTY} = {@code auto} (default), {@code glfw},
 * {@code egl} (a GPU's EGL device, else Mesa's surfaceless platform), {@code egl-device} (the
 * first EGL device, even Mesa's software one: to test that path) or {@code none} (GL refused, to
 * test the fallback). {@code auto} tries GLFW first when a display is set (the desktop's own
 * driver), EGL first otherwise.
 *
 * <p>Created, used and destroyed on one thread (the renderer's).
 */
abstract class GlContext {
    static final String PROPERTY = "workbench.gl.context";

    private static final int EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;
    private static final int EGL_CONTEXT_MAJOR_VERSION = 0x3098;
    private static final int EGL_CONTEXT_MINOR_VERSION = 0x30FB;
    private static final int EGL_CONTEXT_OPENGL_PROFILE_MASK = 0x30FD;
    private static final int EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT = 0x1;
    private static final int EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE = 0x31B1;

    /** GLFW is process-wide: init/terminate counted and serialised across renderers. */
    private static final Object GLFW_LOCK = new Object();
    private static int glfwUsers;
    private static String glfwError;

    /** "glfw", "egl" (surfaceless) or "egl-device". */
    abstract String kind();

    abstract void destroy();

    /** Makes a context current on this thread, or throws with every attempt's reason. */
    static GlContext create() {
        String choice = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        List<String> order = switch (choice) {
            case "glfw" -> List.of("glfw");
            case "egl" -> List.of("egl");
            case "egl-device" -> List.of("egl-device");
            case "none" -> List.of();
            default -> display ? List.of("glfw", "egl") : List.of("egl", "glfw");
        };
        if (order.isEmpty()) {
            throw new RendererUnavailableException("OpenGL disabled (" + PROPERTY + "=" + choice + ")");
        }
        List<String> failures = new ArrayList<>();
        for (String kind : order) {
            try {
                return switch (kind) {
                    case "glfw" -> Glfw.open();
                    case "egl-device" -> Egl.open(true);
                    default -> Egl.open(false);
                };
            } catch (RuntimeException | LinkageError e) {
                failures.add(kind + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            }
        }
        throw new RendererUnavailableException("no OpenGL 3.3 context (" + String.join("; ", failures)
                + (display ? "" : "; no DISPLAY set") + ")");
    }

    /** A hidden 1×1 GLFW window whose context we render offscreen with. */
    private static final class Glfw extends GlContext {
        private final long window;

        private Glfw(long window) {
            this.window = window;
        }

        static Glfw open() {
            synchronized (GLFW_LOCK) {
                if (glfwUsers == 0) {
                    GLFW.glfwSetErrorCallback((code, desc) -> glfwError = GLFWErrorCallback.getDescription(desc));
                    glfwError = null;
                    if (System.getenv("WAYLAND_DISPLAY") == null && System.getenv("DISPLAY") != null
                            && GLFW.glfwPlatformSupported(GLFW.GLFW_PLATFORM_X11)) {
                        // X only: spares the Wayland probe (and its XDG_RUNTIME_DIR complaint)
                        GLFW.glfwInitHint(GLFW.GLFW_PLATFORM, GLFW.GLFW_PLATFORM_X11);
                    }
                    if (!GLFW.glfwInit()) {
                        GLFW.glfwSetErrorCallback(null).free();
                        throw new IllegalStateException("glfwInit failed" + reason());
                    }
                }
                glfwUsers++;
                glfwError = null;
                GLFW.glfwDefaultWindowHints();
                GLFW.glfwWindowHint(GLFW.GLFW_VISIBLE, GLFW.GLFW_FALSE);
                GLFW.glfwWindowHint(GLFW.GLFW_CONTEXT_VERSION_MAJOR, 3);
                GLFW.glfwWindowHint(GLFW.GLFW_CONTEXT_VERSION_MINOR, 3);
                GLFW.glfwWindowHint(GLFW.GLFW_OPENGL_PROFILE, GLFW.GLFW_OPENGL_CORE_PROFILE);
                GLFW.glfwWindowHint(GLFW.GLFW_OPENGL_FORWARD_COMPAT, GLFW.GLFW_TRUE);
                long w = GLFW.glfwCreateWindow(1, 1, "points", MemoryUtil.NULL, MemoryUtil.NULL);
                if (w == MemoryUtil.NULL) {
                    String why = "no GL 3.3 core window" + reason();
                    release();
                    throw new IllegalStateException(why);
                }
                GLFW.glfwMakeContextCurrent(w);
                try {
                    GL.createCapabilities();
                } catch (RuntimeException | LinkageError e) {
                    GLFW.glfwMakeContextCurrent(MemoryUtil.NULL);
                    GLFW.glfwDestroyWindow(w);
                    release();
                    throw e;
                }
                return new Glfw(w);
            }
        }

        private static String reason() {
            return glfwError == null ? "" : ": " + glfwError;
        }

        private static void release() {
            if (--glfwUsers == 0) {
                GLFW.glfwTerminate();
                GLFWErrorCallback old = GLFW.glfwSetErrorCallback(null);
                if (old != null) {
                    old.free();
                }
            }
        }

        @Override
        String kind() {
            return "glfw";
        }

        @Override
        void destroy() {
            GL.setCapabilities(null);
            synchronized (GLFW_LOCK) {
                GLFW.glfwMakeContextCurrent(MemoryUtil.NULL);
                GLFW.glfwDestroyWindow(window);
                release();
            }
        }
    }

    /**
     * An EGL context made current without any surface: on a GPU's EGL device (a server with no X,
     * NVIDIA's or Mesa's DRM driver), else on Mesa's surfaceless platform (what Mesa drives, or
     * its software rasteriser).
     */
    private static final class Egl extends GlContext {
        private final long display;
        private final long context;
        private final String kind;

        private Egl(long display, long context, String kind) {
            this.display = display;
            this.context = context;
            this.kind = kind;
        }

        /** {@code anyDevice}: take the first EGL device even if it is software (and nothing else). */
        static Egl open(boolean anyDevice) {
            String client = EGL10.eglQueryString(EGL10.EGL_NO_DISPLAY, EGL10.EGL_EXTENSIONS);
            client = client == null ? "" : client;
            // LWJGL's wrappers refuse a NULL native display, which is what the surfaceless platform
            // takes (EGL_DEFAULT_DISPLAY), so the function is called through its address.
            EGLCapabilities egl = EGL.getCapabilities();
            long getPlatformDisplay = egl.eglGetPlatformDisplay != MemoryUtil.NULL ? egl.eglGetPlatformDisplay
                    : egl.eglGetPlatformDisplayEXT;
            if (getPlatformDisplay == MemoryUtil.NULL) {
                throw new IllegalStateException("EGL has no eglGetPlatformDisplay");
            }
            List<String> failures = new ArrayList<>();
            if (client.contains("EGL_EXT_device_enumeration") && client.contains("EGL_EXT_platform_device")) {
                try (MemoryStack stack = MemoryStack.stackPush()) {
                    PointerBuffer devices = stack.mallocPointer(16);
                    IntBuffer count = stack.mallocInt(1);
                    if (EXTDeviceEnumeration.eglQueryDevicesEXT(devices, count)) {
                        for (int i = 0; i < count.get(0); i++) {
                            long device = devices.get(i);
                            String ext = EXTDeviceQuery.eglQueryDeviceStringEXT(device, EGL10.EGL_EXTENSIONS);
                            if (!anyDevice && ext != null && ext.contains("EGL_MESA_device_software")) {
                                continue; // Mesa's software device: surfaceless below is the same
                            }
                            long dpy = JNI.callPPP(EXTPlatformDevice.EGL_PLATFORM_DEVICE_EXT, device,
                                    MemoryUtil.NULL, getPlatformDisplay);
                            try {
                                return initialise(dpy, "egl-device");
                            } catch (IllegalStateException e) {
                                failures.add("device " + i + ": " + e.getMessage());
                            }
                        }
                    }
                }
            }
            if (anyDevice) {
                throw new IllegalStateException(failures.isEmpty() ? "no EGL device" : String.join("; ", failures));
            }
            if (!client.contains("EGL_MESA_platform_surfaceless")) {
                failures.add("no EGL_MESA_platform_surfaceless");
                throw new IllegalStateException(String.join("; ", failures));
            }
            return initialise(JNI.callPPP(EGL_PLATFORM_SURFACELESS_MESA, MemoryUtil.NULL, MemoryUtil.NULL,
                    getPlatformDisplay), "egl");
        }

        private static Egl initialise(long dpy, String kind) {
            if (dpy == EGL10.EGL_NO_DISPLAY) {
                throw new IllegalStateException("no EGL display (0x" + Integer.toHexString(EGL10.eglGetError()) + ")");
            }
            try (MemoryStack stack = MemoryStack.stackPush()) {
                IntBuffer major = stack.mallocInt(1);
                IntBuffer minor = stack.mallocInt(1);
                if (!EGL10.eglInitialize(dpy, major, minor)) {
                    throw new IllegalStateException("eglInitialize failed (0x"
                            + Integer.toHexString(EGL10.eglGetError()) + ")");
                }
                String displayExtensions = EGL10.eglQueryString(dpy, EGL10.EGL_EXTENSIONS);
                if (displayExtensions == null || !displayExtensions.contains("EGL_KHR_surfaceless_context")) {
                    throw new IllegalStateException("EGL has no EGL_KHR_surfaceless_context");
                }
                if (!EGL12.eglBindAPI(EGL14.EGL_OPENGL_API)) {
                    throw new IllegalStateException("EGL cannot bind desktop OpenGL");
                }
                // Surface type 0: any (the default asks for window surfaces, which surfaceless has none of).
                IntBuffer configAttribs = stack.ints(EGL12.EGL_RENDERABLE_TYPE, 0x0008 /* EGL_OPENGL_BIT */,
                        EGL10.EGL_SURFACE_TYPE, 0, EGL10.EGL_NONE);
                PointerBuffer configs = stack.mallocPointer(1);
                IntBuffer count = stack.mallocInt(1);
                if (!EGL10.eglChooseConfig(dpy, configAttribs, configs, count) || count.get(0) == 0) {
                    throw new IllegalStateException("no EGL config for desktop OpenGL");
                }
                IntBuffer contextAttribs = stack.ints(EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                        EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                        EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE, 1, EGL10.EGL_NONE);
                long ctx = EGL10.eglCreateContext(dpy, configs.get(0), EGL10.EGL_NO_CONTEXT, contextAttribs);
                if (ctx == EGL10.EGL_NO_CONTEXT) {
                    int err = EGL10.eglGetError();
                    throw new IllegalStateException("no OpenGL 3.3 core EGL context (0x" + Integer.toHexString(err)
                            + ")");
                }
                if (!EGL10.eglMakeCurrent(dpy, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_SURFACE, ctx)) {
                    int err = EGL10.eglGetError();
                    EGL10.eglDestroyContext(dpy, ctx);
                    throw new IllegalStateException("eglMakeCurrent failed (0x" + Integer.toHexString(err) + ")");
                }
                try {
                    GL.createCapabilities();
                } catch (RuntimeException | LinkageError e) {
                    EGL10.eglMakeCurrent(dpy, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_CONTEXT);
                    EGL10.eglDestroyContext(dpy, ctx);
                    throw e;
                }
                return new Egl(dpy, ctx, kind);
            }
        }

        @Override
        String kind() {
            return kind;
        }

        @Override
        void destroy() {
            GL.setCapabilities(null);
            EGL10.eglMakeCurrent(display, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_CONTEXT);
            EGL10.eglDestroyContext(display, context);
            // No eglTerminate: the surfaceless display is one per process, shared by every renderer,
            // and terminating it would pull it from under the others (eglInitialize is not counted).
        }
    }
}
