package org.attentionworkbench.compute.device.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.IntBuffer;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;

/** One OpenCL context over one device, with its in-order command queue. */
final class ClContext implements AutoCloseable {
    final long platform;
    final long device;
    final long context;
    final long queue;
    private boolean closed;

    private ClContext(long platform, long device, long context, long queue) {
        this.platform = platform;
        this.device = device;
        this.context = context;
        this.queue = queue;
    }

    static ClContext create(long platform, long device) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            // the platform must be named in the properties when several ICDs are installed
            PointerBuffer props = stack.mallocPointer(3).put(CL_CONTEXT_PLATFORM).put(platform).put(0).flip();
            long ctx = clCreateContext(props, device, null, 0, err);
            ClException.check(err.get(0), "clCreateContext");
            long q = clCreateCommandQueue(ctx, device, 0, err);
            if (err.get(0) != CL_SUCCESS) {
                clReleaseContext(ctx);
                throw new ClException("clCreateCommandQueue", err.get(0));
            }
            return new ClContext(platform, device, ctx, q);
        }
    }

    /** Blocks until the queue is empty. */
    void finish() {
        ClException.check(clFinish(queue), "clFinish");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
