package org.attentionworkbench.compute.device.opencl;

import org.attentionworkbench.compute.tensor.ComputeException;

/** An OpenCL call returned an error code: carries the call's name and the CL error name. */
public final class ClException extends ComputeException {
    private final String call;
    private final int code;

    public ClException(String call, int code) {
        super(call + " failed: " + ClErrors.name(code) + " (" + code + ")");
        this.call = call;
        this.code = code;
    }

    public ClException(String call, int code, String detail) {
        super(call + " failed: " + ClErrors.name(code) + " (" + code + ")\n" + detail);
        this.call = call;
        this.code = code;
    }

    /** Throws unless {@code code} is CL_SUCCESS. */
    public static void check(int code, String call) {
        if (code != 0) {
            throw new ClException(call, code);
        }
    }

    public String call() {
        return call;
    }

    public int code() {
        return code;
    }

    public String errorName() {
        return ClErrors.name(code);
    }
}
