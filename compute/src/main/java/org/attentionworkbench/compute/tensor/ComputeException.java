package org.attentionworkbench.compute.tensor;

/** A device failed: an OpenCL call returned an error, a kernel did not build, memory ran out. */
public class ComputeException extends RuntimeException {
    public ComputeException(String message) {
        super(message);
    }

    public ComputeException(String message, Throwable cause) {
        super(message, cause);
    }
}
