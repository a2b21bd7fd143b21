package org.attentionworkbench.compute.device.java;

import java.util.Random;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Throughput of the non-GEMM ops at ViT-B/16 and MobileNet/ResNet sizes (a tool, not a unit test):
 * best-of-N time per call after warm-up. Run like {@link GemmBenchmark}.
 */
public final class OpsBenchmark {
    private OpsBenchmark() {}

    private interface Body {
        void run();
    }

    private static void time(String label, double elements, Body body) {
        for (int i = 0; i < 20; i++) {
            body.run();
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            long t0 = System.nanoTime();
            body.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("%-40s %9.3f ms  %6.2f Gelem/s%n", label, best / 1e6, elements / best);
    }

    public static void main(String[] args) {
        Random r = new Random(1);
        try (JavaDevice dev = new JavaDevice()) {
            Tensor scores = dev.upload(Check.random(r, 12 * 197 * 197), 12, 197, 197);
            Tensor tokens = dev.upload(Check.random(r, 197 * 768), 197, 768);
            Tensor tokensOut = dev.allocate(197, 768);
            Tensor g = dev.upload(Check.random(r, 768), 768);
            Tensor b = dev.upload(Check.random(r, 768), 768);
            Tensor mlp = dev.upload(Check.random(r, 197 * 3072), 197, 3072);
            Tensor mlpOut = dev.allocate(197, 3072);
            Tensor heads = dev.allocate(12, 197, 64);
            Tensor qkv = dev.upload(Check.random(r, 197 * 12 * 64), 197, 12, 64);
            time("softmax [12,197,197] in place", 12 * 197 * 197, () -> dev.softmaxRows(scores, scores));
            time("layerNorm [197,768]", 197 * 768, () -> dev.layerNorm(tokensOut, tokens, g, b, 1e-6f));
            Tensor vitS = dev.upload(Check.random(r, 197 * 384), 197, 384);
            Tensor vitSOut = dev.allocate(197, 384);
            Tensor g384 = dev.upload(Check.random(r, 384), 384);
            time("layerNorm [197,384] (ViT-S)", 197 * 384, () -> dev.layerNorm(vitSOut, vitS, g384, g384, 1e-6f));
            Tensor pixels = dev.upload(Check.random(r, 3 * 224 * 224), 1, 3, 224, 224);
            Tensor patchW = dev.upload(Check.random(r, 384 * 768), 384, 3, 16, 16);
            Tensor patchOut = dev.allocate(1, 384, 14, 14);
            time("conv patch 16 3->384 224x224 (GFLOP/s)", 2.0 * 384 * 768 * 196,
                    () -> dev.conv2d(patchOut, pixels, patchW, g384, 16, 0, 1));
            // what ViT.embed runs instead: patch rows by a permute, then the packed-weight Linear
            Tensor pixels6 = pixels.reshape(1, 3, 14, 16, 14, 16);
            Tensor patchRows = dev.allocate(1, 14, 14, 3, 16, 16);
            Tensor patchRowsFlat = patchRows.reshape(196, 768);
            Tensor patchWt = dev.uploadWeight(Check.random(r, 768 * 384), 768, 384);
            Tensor tokensS = dev.allocate(196, 384);
            time("patch rows (permute 6-D)", 3 * 224 * 224, () -> dev.permute(patchRows, pixels6, 0, 2, 4, 1, 3, 5));
            time("patch rows + linear (GFLOP/s)", 2.0 * 384 * 768 * 196, () -> {
                dev.permute(patchRows, pixels6, 0, 2, 4, 1, 3, 5);
                dev.linear(tokensS, patchRowsFlat, patchWt, g384, null, false);
            });
            time("GELU [197,3072]", 197 * 3072, () -> dev.activate(mlpOut, mlp, Activation.GELU));
            time("RELU [197,3072]", 197 * 3072, () -> dev.activate(mlpOut, mlp, Activation.RELU));
            time("add [197,768] + [768]", 197 * 768, () -> dev.add(tokensOut, tokens, b));
            time("add [197,768] + [197,768]", 197 * 768, () -> dev.add(tokensOut, tokens, tokensOut));
            time("permute [197,12,64] -> [12,197,64]", 197 * 768, () -> dev.permute(heads, qkv, 1, 0, 2));

            Tensor img = dev.upload(Check.random(r, 64 * 56 * 56), 1, 64, 56, 56);
            Tensor w3 = dev.upload(Check.random(r, 64 * 64 * 9), 64, 64, 3, 3);
            Tensor out3 = dev.allocate(1, 64, 56, 56);
            double flops3 = 2.0 * 64 * 64 * 9 * 56 * 56;
            time("conv 3x3 64->64 56x56 (GFLOP/s)", flops3, () -> dev.conv2d(out3, img, w3, null, 1, 1, 1));
            Tensor w1 = dev.upload(Check.random(r, 256 * 64), 256, 64, 1, 1);
            Tensor out1 = dev.allocate(1, 256, 56, 56);
            time("conv 1x1 64->256 56x56 (GFLOP/s)", 2.0 * 256 * 64 * 56 * 56,
                    () -> dev.conv2d(out1, img, w1, null, 1, 0, 1));
            Tensor dwImg = dev.upload(Check.random(r, 144 * 56 * 56), 1, 144, 56, 56);
            Tensor dw = dev.upload(Check.random(r, 144 * 9), 144, 1, 3, 3);
            Tensor dwOut = dev.allocate(1, 144, 56, 56);
            Tensor dwOut2 = dev.allocate(1, 144, 28, 28);
            time("depthwise 3x3 144ch 56x56 s1 (GFLOP/s)", 2.0 * 144 * 9 * 56 * 56,
                    () -> dev.conv2d(dwOut, dwImg, dw, null, 1, 1, 144));
            time("depthwise 3x3 144ch 56x56 s2 (GFLOP/s)", 2.0 * 144 * 9 * 28 * 28,
                    () -> dev.conv2d(dwOut2, dwImg, dw, null, 2, 1, 144));
            Tensor small = dev.upload(Check.random(r, 3 * 14 * 14), 1, 3, 14, 14);
            Tensor big = dev.allocate(1, 3, 224, 224);
            time("resize 14x14 -> 224x224 x3", 3 * 224 * 224, () -> dev.resizeBilinear(big, small, false));
        }
    }
}
