package org.attentionworkbench.viewers.points.render;

import static org.lwjgl.opengl.GL33C.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.lwjgl.system.MemoryStack;

/**
 * The OpenGL point renderer (LWJGL, GL 3.3 core), drawing offscreen and reading the frame back.
 *
 * <p>It owns one thread on which its context is made (see {@link GlContext}: a hidden GLFW window,
 * or EGL without any surface when there is no display) and on which every GL call runs;
 * {@link #render} hands the work to that thread and waits, so callers may be on any thread.
 *
 * <p>One frame: a point pass into a framebuffer with three targets (RGBA8 colour, R32I id, R32F
 * linear view depth) and a 32-bit float depth buffer holding the same linear depth, so the
 * "nearer wins" test compares what the Java renderer compares. Points are drawn one pixel larger and
 * cut in the fragment shader to the exact square of the conventions, so neither the driver's
 * sub-pixel snapping nor its tie rule moves an edge. Then, with EDL on, a full-frame
 * pass into a second RGBA8 target; then {@code glReadPixels} of colour (as
 * {@code GL_BGRA/UNSIGNED_INT_8_8_8_8_REV}, i.e. ARGB ints), ids and depths straight into the
 * frame's arrays. Rows come out top-down with no copy because the projection is flipped in y (the
 * GL framebuffer's row 0 is the frame's top row). Readback is synchronous: {@link #render} returns
 * the finished frame, so a ring of pixel-pack buffers would only delay the same wait.
 *
 * <p>Vertex buffers are kept between frames, keyed by array identity, offset and count (positions
 * and colours separately, so a recolour uploads only colours); only batches not seen before are
 * uploaded. Arrays are therefore taken as immutable once drawn: to change colours or positions,
 * pass a new array. Buffers unused by the current frame are freed beyond {@link #CACHE_BYTES}.
 *
 * <p>Sizes are in physical pixels: on HiDPI screens the caller multiplies the view's logical size
 * by the output scale and shows the frame scaled down (this class knows no window).
 *
 * <p>Like the Java renderer, a returned {@link Frame} stays valid until the second next
 * {@link #render} (two sets of arrays alternate).
 */
public final class GlPointRenderer implements PointRenderer {
    /** Bytes of vertex buffers kept for batches the last frame did not draw. */
    static final long CACHE_BYTES = 512L << 20;

    private final ExecutorService thread;
    private final String description;
    private final String glRenderer;
    private final String contextKind;
    // Everything below is touched only on the GL thread.
    private GlContext context;
    private int pointProgram;
    private int edlProgram;
    private int vao;
    private int sceneFbo;
    private int edlFbo;
    private int colourTex;
    private int idTex;
    private int depthTex;
    private int depthBuffer;
    private int edlTex;
    private int fboWidth;
    private int fboHeight;
    private final Map<BufferKey, CachedBuffer> buffers = new LinkedHashMap<>(16, 0.75f, true);
    private final Frame[] frames = new Frame[2];
    private int nextFrame;
    private final Map<String, Integer> uniforms = new HashMap<>();
    private volatile boolean closed;
    /** Uploads done by the last render (for tests of the cache). */
    private volatile int lastUploads;
    /** Nanoseconds the last render spent reading the frame back (benchmarks). */
    private volatile long lastReadbackNanos;

    /**
     * Makes the context and the GL objects on a new thread.
     *
     * @throws RendererUnavailableException when no OpenGL 3.3 context can be made here, or the
     *     shaders do not build on this driver (the reason is in the message)
     */
    public GlPointRenderer() {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gl-point-renderer");
            t.setDaemon(true);
            return t;
        });
        try {
            String[] info = call(this::init);
            description = info[0];
            contextKind = info[1];
            glRenderer = info[2];
        } catch (RuntimeException | LinkageError e) { // LinkageError: LWJGL's natives missing
            thread.shutdownNow();
            throw e instanceof RendererUnavailableException u ? u
                    : new RendererUnavailableException("OpenGL failed to start: " + e, e);
        }
    }

    @Override
    public String name() {
        return "gl";
    }

    @Override
    public String description() {
        return description;
    }

    /** GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)" or "NVIDIA GeForce RTX 4070/PCIe/SSE2". */
    public String glRenderer() {
        return glRenderer;
    }

    /** Whether GL here rasterises on the CPU (Mesa's llvmpipe, softpipe, swrast; Windows' GDI Generic). */
    public boolean isSoftware() {
        return isSoftwareRasterizer(glRenderer);
    }

    static boolean isSoftwareRasterizer(String glRenderer) {
        String r = glRenderer == null ? "" : glRenderer.toLowerCase(java.util.Locale.ROOT);
        return r.contains("llvmpipe") || r.contains("softpipe") || r.contains("swrast") || r.contains("software")
                || r.contains("gdi generic");
    }

    /** How the context was made: "glfw", "egl" (surfaceless) or "egl-device". */
    public String contextKind() {
        return contextKind;
    }

    /** How many vertex buffers the last {@link #render} uploaded (0 when all came from the cache). */
    int lastUploads() {
        return lastUploads;
    }

    /** Nanoseconds the last {@link #render} spent in the readback (after the drawing finished). */
    long lastReadbackNanos() {
        return lastReadbackNanos;
    }

    @Override
    public Frame render(List<PointBatch> batches, Camera camera, RenderSettings settings) {
        if (closed) {
            throw new IllegalStateException("renderer closed");
        }
        List<PointBatch> list = List.copyOf(batches);
        Camera cam = camera.copy();
        return call(() -> draw(list, cam, settings));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call(() -> {
                release();
                return null;
            });
        } finally {
            thread.shutdown();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T call(Callable<T> task) {
        Future<T> f = thread.submit(task);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the GL thread", e);
        }
    }

    // ---- GL thread -----------------------------------------------------------------------------

    private String[] init() {
        context = GlContext.create();
        try {
            String vendor = glGetString(GL_VENDOR);
            String renderer = glGetString(GL_RENDERER);
            String version = glGetString(GL_VERSION);
            int major = glGetInteger(GL_MAJOR_VERSION);
            int minor = glGetInteger(GL_MINOR_VERSION);
            if (major < 3 || (major == 3 && minor < 3)) {
                throw new RendererUnavailableException("OpenGL " + version + " is older than 3.3");
            }
            pointProgram = program("points.vert", "points.frag");
            edlProgram = program("edl.vert", "edl.frag");
            vao = glGenVertexArrays();
            sceneFbo = glGenFramebuffers();
            edlFbo = glGenFramebuffers();
            glEnable(GL_PROGRAM_POINT_SIZE);
            checkError("init");
            return new String[] {"OpenGL " + version + ", " + renderer + " (" + vendor + ", " + context.kind() + ")",
                context.kind(), renderer};
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    private void release() {
        if (context == null) {
            return;
        }
        for (CachedBuffer b : buffers.values()) {
            glDeleteBuffers(b.id);
        }
        buffers.clear();
        deleteTargets();
        glDeleteFramebuffers(sceneFbo);
        glDeleteFramebuffers(edlFbo);
        glDeleteVertexArrays(vao);
        glDeleteProgram(pointProgram);
        glDeleteProgram(edlProgram);
        context.destroy();
        context = null;
    }

    private Frame draw(List<PointBatch> batches, Camera camera, RenderSettings s) {
        int w = s.width();
        int h = s.height();
        ensureTargets(w, h);
        int uploads = 0;

        glBindFramebuffer(GL_FRAMEBUFFER, sceneFbo);
        glViewport(0, 0, w, h);
        int bg = s.background();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            glClearBufferfv(GL_COLOR, 0, stack.floats(((bg >> 16) & 255) / 255f, ((bg >> 8) & 255) / 255f,
                    (bg & 255) / 255f, 1f));
            glClearBufferiv(GL_COLOR, 1, stack.ints(-1, 0, 0, 0));
            glClearBufferfv(GL_COLOR, 2, stack.floats(Float.POSITIVE_INFINITY, 0, 0, 0));
            glClearBufferfv(GL_DEPTH, 0, stack.floats(1f));
        }
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LESS);
        glDepthMask(true);

        glUseProgram(pointProgram);
        double[] vp = camera.viewProjection(w, h);
        for (int c = 0; c < 4; c++) {
            vp[c * 4 + 1] = -vp[c * 4 + 1]; // clip y negated: GL row 0 is the frame's top row
        }
        double[] view = camera.viewMatrix();
        glUniformMatrix4fv(uniform(pointProgram, "viewProjection"), false, Camera.toFloat(vp));
        // Third row of the view matrix gives camera z; the view depth is its negation.
        glUniform4f(uniform(pointProgram, "depthRow"), (float) -view[2], (float) -view[6], (float) -view[10],
                (float) -view[14]);
        glUniform1f(uniform(pointProgram, "near"), (float) camera.near());
        glUniform1f(uniform(pointProgram, "far"), (float) camera.far());
        glUniform2f(uniform(pointProgram, "viewport"), w, h);
        boolean scaled = s.sizeMode() != SizeMode.FIXED;
        glUniform1i(uniform(pointProgram, "scaledSize"), scaled ? 1 : 0);
        glUniform1i(uniform(pointProgram, "perspective"), camera.isOrthographic() ? 0 : 1);
        // Perspective: pixels per unit at depth 1 (the shader divides by the depth); ortho: constant.
        glUniform1f(uniform(pointProgram, "pixelsPerUnit"), (float) camera.pixelsPerUnit(1, h));
        glUniform1f(uniform(pointProgram, "maxPointSize"), s.maxPointSize());
        int sizeFactor = uniform(pointProgram, "sizeFactor");
        int idBase = uniform(pointProgram, "idBase");

        glBindVertexArray(vao);
        glEnableVertexAttribArray(0);
        glEnableVertexAttribArray(1);
        Set<BufferKey> used = new HashSet<>();
        long usedBytes = 0;
        for (PointBatch b : batches) {
            if (b.count() == 0) {
                continue;
            }
            BufferKey pk = new BufferKey(b.xyz(), b.offset(), b.count());
            BufferKey ck = new BufferKey(b.argb(), b.offset(), b.count());
            CachedBuffer pos = buffers.get(pk);
            if (pos == null) {
                pos = upload(b.xyz(), 3 * b.offset(), 3 * b.count());
                buffers.put(pk, pos);
                uploads++;
            }
            CachedBuffer col = buffers.get(ck);
            if (col == null) {
                col = upload(b.argb(), b.offset(), b.count());
                buffers.put(ck, col);
                uploads++;
            }
            if (used.add(pk)) {
                usedBytes += pos.bytes;
            }
            if (used.add(ck)) {
                usedBytes += col.bytes;
            }
            float size = switch (s.sizeMode()) {
                case FIXED -> s.pointSize();
                case ATTENUATED -> s.pointSize() * (b.spacing() > 0 ? b.spacing() : s.spacing());
                case ADAPTIVE -> s.pointSize() * b.spacing();
            };
            glUniform1f(sizeFactor, size);
            glUniform1i(idBase, b.idBase());
            glBindBuffer(GL_ARRAY_BUFFER, pos.id);
            glVertexAttribPointer(0, 3, GL_FLOAT, false, 0, 0L);
            glBindBuffer(GL_ARRAY_BUFFER, col.id);
            glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, true, 0, 0L);
            glDrawArrays(GL_POINTS, 0, b.count());
        }
        glBindBuffer(GL_ARRAY_BUFFER, 0);
        glBindVertexArray(0);
        evict(used, usedBytes);
        lastUploads = uploads;

        int colourSource = sceneFbo;
        if (s.edl()) {
            edl(s);
            colourSource = edlFbo;
        }

        glFinish(); // the drawing is done: what follows is the readback alone (timed for benchmarks)
        long readStart = System.nanoTime();
        Frame f = frames[nextFrame];
        if (f == null || f.width() != w || f.height() != h) {
            f = new Frame(w, h, new int[w * h], new int[w * h], new float[w * h]);
            frames[nextFrame] = f;
        }
        nextFrame ^= 1;
        glPixelStorei(GL_PACK_ALIGNMENT, 4);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, colourSource);
        glReadBuffer(GL_COLOR_ATTACHMENT0);
        glReadPixels(0, 0, w, h, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, f.argb());
        glBindFramebuffer(GL_READ_FRAMEBUFFER, sceneFbo);
        glReadBuffer(GL_COLOR_ATTACHMENT1);
        glReadPixels(0, 0, w, h, GL_RED_INTEGER, GL_INT, f.ids());
        glReadBuffer(GL_COLOR_ATTACHMENT2);
        glReadPixels(0, 0, w, h, GL_RED, GL_FLOAT, f.depth());
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        lastReadbackNanos = System.nanoTime() - readStart;
        checkError("render");
        return f;
    }

    private void edl(RenderSettings s) {
        glBindFramebuffer(GL_FRAMEBUFFER, edlFbo);
        glDisable(GL_DEPTH_TEST);
        glUseProgram(edlProgram);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, colourTex);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, depthTex);
        glUniform1i(uniform(edlProgram, "colourTex"), 0);
        glUniform1i(uniform(edlProgram, "depthTex"), 1);
        glUniform2iv(uniform(edlProgram, "offsets"), JavaPointRenderer.edlOffsets(s.edlRadius()));
        glUniform1f(uniform(edlProgram, "strength"), s.edlStrength());
        glBindVertexArray(vao);
        glDisableVertexAttribArray(0);
        glDisableVertexAttribArray(1);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glBindVertexArray(0);
        glBindTexture(GL_TEXTURE_2D, 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, 0);
    }

    private CachedBuffer upload(float[] data, int from, int length) {
        int id = glGenBuffers();
        mapNew(id, 4L * length).asFloatBuffer().put(data, from, length);
        glUnmapBuffer(GL_ARRAY_BUFFER);
        return new CachedBuffer(id, 4L * length);
    }

    private CachedBuffer upload(int[] data, int from, int length) {
        int id = glGenBuffers();
        mapNew(id, 4L * length).asIntBuffer().put(data, from, length);
        glUnmapBuffer(GL_ARRAY_BUFFER);
        return new CachedBuffer(id, 4L * length);
    }

    /** Binds buffer {@code id}, gives it {@code bytes} of storage and maps it for writing (caller unmaps). */
    private static ByteBuffer mapNew(int id, long bytes) {
        glBindBuffer(GL_ARRAY_BUFFER, id);
        glBufferData(GL_ARRAY_BUFFER, bytes, GL_STATIC_DRAW);
        ByteBuffer map = glMapBufferRange(GL_ARRAY_BUFFER, 0, bytes, GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_BUFFER_BIT);
        if (map == null) {
            throw new IllegalStateException("could not map a vertex buffer of " + bytes + " bytes");
        }
        return map;
    }

    /** Frees least-recently-used buffers the frame did not draw while the cache holds too much. */
    private void evict(Set<BufferKey> used, long usedBytes) {
        long total = 0;
        for (CachedBuffer b : buffers.values()) {
            total += b.bytes;
        }
        Iterator<Map.Entry<BufferKey, CachedBuffer>> it = buffers.entrySet().iterator();
        while (total - usedBytes > CACHE_BYTES && it.hasNext()) {
            Map.Entry<BufferKey, CachedBuffer> e = it.next();
            if (!used.contains(e.getKey())) {
                glDeleteBuffers(e.getValue().id);
                total -= e.getValue().bytes;
                it.remove();
            }
        }
    }

    /** Number of vertex buffers in the cache (tests). */
    int cachedBuffers() {
        return call(buffers::size);
    }

    private void ensureTargets(int w, int h) {
        if (w == fboWidth && h == fboHeight) {
            return;
        }
        deleteTargets();
        colourTex = texture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE);
        idTex = texture(GL_R32I, w, h, GL_RED_INTEGER, GL_INT);
        depthTex = texture(GL_R32F, w, h, GL_RED, GL_FLOAT);
        depthBuffer = glGenRenderbuffers();
        glBindRenderbuffer(GL_RENDERBUFFER, depthBuffer);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT32F, w, h);
        glBindRenderbuffer(GL_RENDERBUFFER, 0);
        glBindFramebuffer(GL_FRAMEBUFFER, sceneFbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colourTex, 0);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_TEXTURE_2D, idTex, 0);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT2, GL_TEXTURE_2D, depthTex, 0);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depthBuffer);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            glDrawBuffers(stack.ints(GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1, GL_COLOR_ATTACHMENT2));
        }
        checkComplete("point pass");
        edlTex = texture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE);
        glBindFramebuffer(GL_FRAMEBUFFER, edlFbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, edlTex, 0);
        glDrawBuffer(GL_COLOR_ATTACHMENT0);
        checkComplete("EDL pass");
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        fboWidth = w;
        fboHeight = h;
    }

    private void deleteTargets() {
        if (fboWidth == 0) {
            return;
        }
        glDeleteTextures(new int[] {colourTex, idTex, depthTex, edlTex});
        glDeleteRenderbuffers(depthBuffer);
        fboWidth = 0;
        fboHeight = 0;
    }

    private static int texture(int internal, int w, int h, int format, int type) {
        int t = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, t);
        glTexImage2D(GL_TEXTURE_2D, 0, internal, w, h, 0, format, type, (ByteBuffer) null);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glBindTexture(GL_TEXTURE_2D, 0);
        return t;
    }

    private static void checkComplete(String what) {
        int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            throw new RendererUnavailableException("framebuffer for the " + what + " incomplete (0x"
                    + Integer.toHexString(status) + ")");
        }
    }

    private static void checkError(String where) {
        int e = glGetError();
        if (e != GL_NO_ERROR) {
            throw new IllegalStateException("OpenGL error 0x" + Integer.toHexString(e) + " in " + where);
        }
    }

    private int uniform(int program, String name) {
        return uniforms.computeIfAbsent(program + ":" + name, k -> glGetUniformLocation(program, name));
    }

    private static int program(String vertex, String fragment) {
        int vs = shader(GL_VERTEX_SHADER, vertex);
        int fs = shader(GL_FRAGMENT_SHADER, fragment);
        int p = glCreateProgram();
        glAttachShader(p, vs);
        glAttachShader(p, fs);
        glLinkProgram(p);
        glDeleteShader(vs);
        glDeleteShader(fs);
        if (glGetProgrami(p, GL_LINK_STATUS) == GL_FALSE) {
            String log = glGetProgramInfoLog(p);
            glDeleteProgram(p);
            throw new RendererUnavailableException("shaders " + vertex + " + " + fragment + " do not link: " + log);
        }
        return p;
    }

    private static int shader(int type, String resource) {
        String source;
        try (InputStream in = GlPointRenderer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing shader resource " + resource);
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int s = glCreateShader(type);
        glShaderSource(s, source);
        glCompileShader(s);
        if (glGetShaderi(s, GL_COMPILE_STATUS) == GL_FALSE) {
            String log = glGetShaderInfoLog(s);
            glDeleteShader(s);
            throw new RendererUnavailableException("shader " + resource + " does not compile: " + log);
        }
        return s;
    }

    /** An array slice, compared by the array's identity (content is not looked at). */
    private record BufferKey(Object array, int offset, int count) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BufferKey k && k.array == array && k.offset == offset && k.count == count;
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(array) * 31 + offset) * 31 + count;
        }
    }

    private record CachedBuffer(int id, long bytes) {}
}
