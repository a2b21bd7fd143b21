package org.attentionworkbench.compute.device.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/** A program built for one device, and the kernels created from it (cached by name). */
final class ClProgram implements AutoCloseable {
    final String name;
    private final long program;
    private final Map<String, ClKernel> kernels = new HashMap<>();

    private ClProgram(String name, long program) {
        this.name = name;
        this.program = program;
    }

    /** Compiles {@code source}; a failed build throws a {@link ClException} carrying the full build log. */
    static ClProgram build(ClContext ctx, String name, String source, String options) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long prog = clCreateProgramWithSource(ctx.context, source, err);
            ClException.check(err.get(0), "clCreateProgramWithSource(" + name + ")");
            int rc = clBuildProgram(prog, ctx.device, options, null, 0);
            if (rc != CL_SUCCESS) {
                String log = buildLog(ctx, prog);
                clReleaseProgram(prog);
                throw new ClException("clBuildProgram(" + name + ")", rc,
                        "options: " + options + "\nbuild log:\n" + log);
            }
            return new ClProgram(name, prog);
        }
    }

    private static String buildLog(ClContext ctx, long prog) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            if (clGetProgramBuildInfo(prog, ctx.device, CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size) != CL_SUCCESS) {
                return "(no build log)";
            }
            ByteBuffer buf = MemoryUtil.memAlloc((int) size.get(0));
            try {
                clGetProgramBuildInfo(prog, ctx.device, CL_PROGRAM_BUILD_LOG, buf, null);
                byte[] bytes = new byte[Math.max(0, buf.remaining() - 1)];
                buf.get(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            } finally {
                MemoryUtil.memFree(buf);
            }
        }
    }

    /** The kernel {@code kernelName}, created once. */
    ClKernel kernel(String kernelName) {
        ClKernel k = kernels.get(kernelName);
        if (k == null) {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                IntBuffer err = stack.mallocInt(1);
                long handle = clCreateKernel(program, kernelName, err);
                ClException.check(err.get(0), "clCreateKernel(" + name + ":" + kernelName + ")");
                k = new ClKernel(kernelName, handle);
                kernels.put(kernelName, k);
            }
        }
        return k;
    }

    @Override
    public void close() {
        for (ClKernel k : kernels.values()) {
            k.close();
        }
        kernels.clear();
        clReleaseProgram(program);
    }
}
