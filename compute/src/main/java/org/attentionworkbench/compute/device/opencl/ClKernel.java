package org.attentionworkbench.compute.device.opencl;

import static org.lwjgl.opencl.CL10.*;

import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;

/**
 * A kernel and its argument builder: {@code k.args().mem(x).i(n).f(s).run(ctx, global, local)}
 * sets the arguments in order and enqueues the launch.
 */
final class ClKernel implements AutoCloseable {
    final String name;
    final long handle;
    private final Args args = new Args();

    ClKernel(String name, long handle) {
        this.name = name;
        this.handle = handle;
    }

    /** Starts setting arguments from index 0. */
    Args args() {
        args.index = 0;
        return args;
    }

    @Override
    public void close() {
        clReleaseKernel(handle);
    }

    /** Sets arguments in order; every call is checked. */
    final class Args {
        private int index;

        Args mem(ClTensor t) {
            return mem(t.mem());
        }

        Args mem(long mem) {
            check(clSetKernelArg1p(handle, index, mem));
            return this;
        }

        Args i(int v) {
            check(clSetKernelArg1i(handle, index, v));
            return this;
        }

        Args l(long v) {
            check(clSetKernelArg1l(handle, index, v));
            return this;
        }

        Args f(float v) {
            check(clSetKernelArg1f(handle, index, v));
            return this;
        }

        /** A __local scratch array of {@code bytes}. */
        Args local(long bytes) {
            check(nclSetKernelArg(handle, index, bytes, 0L));
            return this;
        }

        private void check(int rc) {
            if (rc != CL_SUCCESS) {
                throw new ClException("clSetKernelArg(" + name + ", arg " + index + ")", rc);
            }
            index++;
        }

        /** Enqueues the kernel over {@code global} work-items; {@code local} null lets the driver choose. */
        void run(ClContext ctx, long[] global, long[] local) {
            for (long g : global) {
                if (g == 0) {
                    return; // nothing to do: an empty range is an error in OpenCL
                }
            }
            try (MemoryStack stack = MemoryStack.stackPush()) {
                PointerBuffer gws = stack.mallocPointer(global.length);
                for (long g : global) {
                    gws.put(g);
                }
                gws.flip();
                PointerBuffer lws = null;
                if (local != null) {
                    lws = stack.mallocPointer(local.length);
                    for (long l : local) {
                        lws.put(l);
                    }
                    lws.flip();
                }
                int rc = clEnqueueNDRangeKernel(ctx.queue, handle, global.length, null, gws, lws, null, null);
                if (rc != CL_SUCCESS) {
                    throw new ClException("clEnqueueNDRangeKernel(" + name + ")", rc);
                }
            }
        }
    }
}
