package org.attentionworkbench.compute.device.java;

import org.attentionworkbench.compute.device.Backend;
import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.device.DeviceInfo;
import org.attentionworkbench.compute.device.DeviceType;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Tensor;

/** Pure-Java backend. (Skeleton: to be implemented.) */
public final class JavaDevice implements Device {

    public static DeviceInfo info(int index) {
        Runtime rt = Runtime.getRuntime();
        return new DeviceInfo("java", index, Backend.JAVA, DeviceType.CPU, "Java (Vector API)",
                System.getProperty("java.vendor"), System.getProperty("java.version"), "JVM",
                rt.availableProcessors(), rt.maxMemory(), 0, 0);
    }

    @Override public DeviceInfo info() { return info(0); }
    @Override public Tensor allocate(int... shape) { throw new UnsupportedOperationException(); }
    @Override public Tensor upload(float[] data, int... shape) { throw new UnsupportedOperationException(); }
    @Override public void download(Tensor src, float[] dst) { throw new UnsupportedOperationException(); }
    @Override public void finish() {}
    @Override public void close() {}
    @Override public void gemm(Tensor c, Tensor a, boolean transA, Tensor b, boolean transB, Tensor bias, float alpha) { throw new UnsupportedOperationException(); }
    @Override public void softmaxRows(Tensor out, Tensor in) { throw new UnsupportedOperationException(); }
    @Override public void layerNorm(Tensor out, Tensor in, Tensor gamma, Tensor beta, float eps) { throw new UnsupportedOperationException(); }
    @Override public void activate(Tensor out, Tensor in, Activation fn) { throw new UnsupportedOperationException(); }
    @Override public void add(Tensor out, Tensor a, Tensor b) { throw new UnsupportedOperationException(); }
    @Override public void scale(Tensor out, Tensor in, float s) { throw new UnsupportedOperationException(); }
    @Override public void permute(Tensor out, Tensor in, int... axes) { throw new UnsupportedOperationException(); }
    @Override public void conv2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding, int groups) { throw new UnsupportedOperationException(); }
    @Override public void mean(Tensor out, Tensor in, int axis) { throw new UnsupportedOperationException(); }
    @Override public void resizeBilinear(Tensor out, Tensor in, boolean alignCorners) { throw new UnsupportedOperationException(); }
    @Override public void copy(Tensor dst, Tensor src) { throw new UnsupportedOperationException(); }
}
