package org.attentionworkbench.compute.device.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.IntBuffer;
import org.lwjgl.system.MemoryStack;

/** A cl_mem with a reference count: the views of one tensor share it; the last release frees it. */
final class ClBuffer {
    final long mem;
    final long bytes;
    private int refs = 1;

    private ClBuffer(long mem, long bytes) {
        this.mem = mem;
        this.bytes = bytes;
    }

    /** A read-write buffer of {@code bytes} (at least 4 so that empty tensors still own a handle). */
    static ClBuffer allocate(ClContext ctx, long bytes) {
        long size = Math.max(4, bytes);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long mem = clCreateBuffer(ctx.context, CL_MEM_READ_WRITE, size, err);
            if (err.get(0) != CL_SUCCESS) {
                throw new ClException("clCreateBuffer", err.get(0), "while allocating " + size + " bytes");
            }
            return new ClBuffer(mem, size);
        }
    }

    synchronized ClBuffer retain() {
        if (refs <= 0) {
            throw new IllegalStateException("buffer already released");
        }
        refs++;
        return this;
    }

    synchronized void release() {
        if (refs <= 0) {
            return;
        }
        if (--refs == 0) {
            clReleaseMemObject(mem);
        }
    }

    synchronized boolean released() {
        return refs <= 0;
    }
}
