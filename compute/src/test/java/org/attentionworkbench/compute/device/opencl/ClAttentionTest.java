package org.attentionworkbench.compute.device.opencl;

import java.util.Random;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.tensor.Shapes;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused attention kernel (attention.cl), which the device uses on GPUs only, run on the test
 * driver anyway and compared with the Java backend: out and probabilities, tiles cut short by Nk
 * and rows past Nq. Tolerance 1e-5 · (|want| + 1) · sqrt(Dh).
 */
class ClAttentionTest {
    @ParameterizedTest
    @ValueSource(strings = {"1,1,8", "7,13,16", "50,33,40", "197,197,64", "33,65,24"})
    void kernelMatchesJava(String dims) {
        OpenClDevice cl = ClTestDevice.get();
        String[] f = dims.split(",");
        int b = 2, h = 3, nq = Integer.parseInt(f[0]), nk = Integer.parseInt(f[1]), dh = Integer.parseInt(f[2]);
        Random r = new Random(nq + 7L * nk);
        float[] q = ClTestDevice.random(r, b * h * nq * dh);
        float[] k = ClTestDevice.random(r, b * h * nk * dh);
        float[] v = ClTestDevice.random(r, b * h * nk * dh);
        float scale = (float) (1 / Math.sqrt(dh));
        try (JavaDevice java = new JavaDevice();
                Tensor jq = java.upload(q, b, h, nq, dh); Tensor jk = java.upload(k, b, h, nk, dh);
                Tensor jv = java.upload(v, b, h, nk, dh); Tensor jout = java.allocate(b, h, nq, dh);
                Tensor jp = java.allocate(b, h, nq, nk);
                Tensor cq = cl.upload(q, b, h, nq, dh); Tensor ck = cl.upload(k, b, h, nk, dh);
                Tensor cv = cl.upload(v, b, h, nk, dh); Tensor cout = cl.allocate(b, h, nq, dh);
                Tensor cp = cl.allocate(b, h, nq, nk)) {
            java.attention(jout, jp, jq, jk, jv, scale);
            double rtol = 1e-5 * Math.sqrt(dh);
            cl.attentionKernel(cout, null, cq, ck, cv, scale, Shapes.attention(cout, null, cq, ck, cv));
            ClTestDevice.assertClose("out " + dims, toDouble(java.download(jout)), cl.download(cout), rtol, 1);
            cl.attentionKernel(cout, cp, cq, ck, cv, scale, Shapes.attention(cout, cp, cq, ck, cv));
            ClTestDevice.assertClose("out with probs " + dims, toDouble(java.download(jout)), cl.download(cout), rtol, 1);
            ClTestDevice.assertClose("probs " + dims, toDouble(java.download(jp)), cl.download(cp), rtol, 1);
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
