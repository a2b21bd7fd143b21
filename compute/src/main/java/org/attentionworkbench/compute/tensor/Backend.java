package org.attentionworkbench.compute.tensor;

/** The two engines behind {@link Device}. */
public enum Backend {
    /** Kernels in .cl files run by an OpenCL driver through LWJGL (a GPU, or POCL on a CPU). */
    OPENCL,
    /** Pure Java, multithreaded, Vector API: the reference and the fallback when no driver exists. */
    JAVA
}
