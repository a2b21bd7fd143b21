package org.attentionworkbench.compute.device.opencl;

import java.util.Random;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.Tensor;

/** Timings of the non-GEMM ops at ViT / MobileNet sizes (a main; best of several runs). */
public final class OpsBench {
    private OpsBench() {}

    interface Op {
        void run();
    }

    static void time(OpenClDevice dev, String what, double flops, Op op) {
        op.run();
        dev.finish();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 10; r++) {
            long t0 = System.nanoTime();
            op.run();
            dev.finish();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%-44s %8.3f ms%s%n", what, best * 1e3,
                flops > 0 ? String.format("  %.1f GFLOP/s", flops / best / 1e9) : "");
    }

    public static void main(String[] args) {
        DeviceInfo info = OpenClRuntime.firstDevice();
        if (info == null) {
            System.out.println("no OpenCL device: " + OpenClRuntime.discover().problem());
            return;
        }
        Random rnd = new Random(1);
        try (OpenClDevice dev = (OpenClDevice) OpenClRuntime.open(info)) {
            Tensor att = dev.upload(ClTestDevice.random(rnd, 12 * 197 * 197), 12, 197, 197);
            time(dev, "softmax [12,197,197]", 0, () -> dev.softmaxRows(att, att));
            Tensor x = dev.upload(ClTestDevice.random(rnd, 197 * 768), 197, 768);
            Tensor g = dev.upload(ClTestDevice.random(rnd, 768), 768);
            Tensor y = dev.allocate(197, 768);
            time(dev, "layerNorm [197,768]", 0, () -> dev.layerNorm(y, x, g, g, 1e-6f));
            Tensor h = dev.upload(ClTestDevice.random(rnd, 197 * 3072), 197, 3072);
            time(dev, "gelu [197,3072]", 0, () -> dev.activate(h, h, Activation.GELU));
            Tensor b3 = dev.upload(ClTestDevice.random(rnd, 3072), 3072);
            time(dev, "add [197,3072]+[3072]", 0, () -> dev.add(h, h, b3));
            time(dev, "relu [197,3072]", 0, () -> dev.activate(h, h, Activation.RELU));
            Tensor w1 = dev.upload(ClTestDevice.random(rnd, 768 * 3072), 768, 3072);
            time(dev, "gemm [197,768]x[768,3072]+bias", 2.0 * 197 * 768 * 3072,
                    () -> dev.gemm(h, y, false, w1, false, null, 1f));
            Tensor q = dev.upload(ClTestDevice.random(rnd, 12 * 197 * 64), 12, 197, 64);
            time(dev, "gemm [12,197,64]x[12,197,64]^T", 2.0 * 12 * 197 * 197 * 64,
                    () -> dev.gemm(att, q, false, q, true, null, 0.125f));
            Tensor qp = dev.allocate(197, 12, 64);
            time(dev, "permute [12,197,64]->[197,12,64]", 0, () -> dev.permute(qp, q, 1, 0, 2));
            Tensor img = dev.upload(ClTestDevice.random(rnd, 64 * 56 * 56), 1, 64, 56, 56);
            Tensor wc = dev.upload(ClTestDevice.random(rnd, 64 * 64 * 9), 64, 64, 3, 3);
            Tensor oc = dev.allocate(1, 64, 56, 56);
            time(dev, "conv3x3 [1,64,56,56]->64", 2.0 * 64 * 64 * 9 * 56 * 56,
                    () -> dev.conv2d(oc, img, wc, null, 1, 1, 1));
            Tensor dw = dev.upload(ClTestDevice.random(rnd, 64 * 9), 64, 1, 3, 3);
            time(dev, "depthwise3x3 [1,64,56,56]", 2.0 * 64 * 9 * 56 * 56,
                    () -> dev.conv2d(oc, img, dw, null, 1, 1, 64));
            Tensor pooled = dev.allocate(1, 64, 56);
            time(dev, "mean axis 2 [1,64,56,56]", 0, () -> dev.mean(pooled, img, 2));
            Tensor big = dev.allocate(1, 64, 224, 224);
            time(dev, "resize [1,64,56,56]->224", 0, () -> dev.resizeBilinear(big, img, false));
        }
    }
}
