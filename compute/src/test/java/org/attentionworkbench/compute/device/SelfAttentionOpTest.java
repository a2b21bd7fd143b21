package org.attentionworkbench.compute.device;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * selfAttention straight from a packed projection against what it replaces on every test device:
 * (a) the layout sequence around the attention op (permute to heads, slices, attention, permute
 * back) and (b) the unfused path per head (gemm, softmax, gemm), with and without probabilities,
 * over odd token counts, batches, head counts and head widths. Tolerance 1e-5 absolute.
 */
class SelfAttentionOpTest {
    private static final double TOL = 1e-5;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String kind : TestDevices.kinds().toList()) {
            for (int n : new int[] {1, 7, 197}) {
                for (int b : new int[] {1, 3}) {
                    for (int h : new int[] {1, 6, 12}) {
                        for (int dh : new int[] {64, 48}) {
                            out.add(Arguments.of(kind, b, h, n, dh));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} B={1} H={2} N={3} Dh={4}")
    @MethodSource("cases")
    void matchesSequenceAndUnfused(String kind, int b, int h, int n, int dh) {
        Device d = TestDevices.device(kind);
        int w = h * dh;
        float scale = (float) (1 / Math.sqrt(dh));
        Random r = new Random(31L * n + 7L * b + h + dh);
        float[] data = new float[b * n * 3 * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (r.nextGaussian() * 1.5);
        }
        try (Tensor qkv = d.upload(data, b, n, 3 * w);
                Tensor packed = qkv.reshape(b, n, 3, h, dh);
                Tensor split = d.allocate(3, b, h, n, dh);
                Tensor q = d.allocate(1, b, h, n, dh);
                Tensor k = d.allocate(1, b, h, n, dh);
                Tensor v = d.allocate(1, b, h, n, dh);
                Tensor qh = q.reshape(b, h, n, dh);
                Tensor kh = k.reshape(b, h, n, dh);
                Tensor vh = v.reshape(b, h, n, dh);
                Tensor ctx = d.allocate(b, h, n, dh);
                Tensor seqOut = d.allocate(b, n, h, dh);
                Tensor scores = d.allocate(b, h, n, n);
                Tensor unfusedCtx = d.allocate(b, h, n, dh);
                Tensor unfusedOut = d.allocate(b, n, h, dh);
                Tensor seqProbs = d.allocate(b, h, n, n);
                Tensor got = d.allocate(b, n, w);
                Tensor probs = d.allocate(b, h, n, n)) {
            // (a) the old sequence around the attention op
            d.permute(split, packed, 2, 0, 3, 1, 4);
            d.slice(q, split, 0, 0);
            d.slice(k, split, 0, 1);
            d.slice(v, split, 0, 2);
            d.attention(ctx, seqProbs, qh, kh, vh, scale);
            d.permute(seqOut, ctx, 0, 2, 1, 3);
            // (b) unfused: gemm, softmax, gemm
            d.gemm(scores, qh, false, kh, true, null, scale);
            d.softmaxRows(scores, scores);
            d.matmul(unfusedCtx, scores, vh);
            d.permute(unfusedOut, unfusedCtx, 0, 2, 1, 3);
            float[] want = d.download(unfusedOut);
            float[] wantProbs = d.download(scores);

            d.selfAttention(got, null, qkv, h, scale);
            assertClose("out vs unfused", want, d.download(got));
            assertClose("out vs sequence", d.download(seqOut), d.download(got));
            d.selfAttention(got, probs, qkv, h, scale);
            assertClose("out with probs", want, d.download(got));
            assertClose("probs vs unfused", wantProbs, d.download(probs));
            assertClose("probs vs sequence", d.download(seqProbs), d.download(probs));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void rejectsBadShapes(String kind) {
        Device d = TestDevices.device(kind);
        try (Tensor qkv = d.allocate(2, 5, 3 * 4 * 8);
                Tensor out = d.allocate(2, 5, 32);
                Tensor wrongOut = d.allocate(2, 5, 33);
                Tensor probs = d.allocate(2, 4, 5, 5);
                Tensor wrongProbs = d.allocate(2, 4, 5, 4)) {
            d.selfAttention(out, probs, qkv, 4, 0.5f);
            assertThrows(IllegalArgumentException.class, () -> d.selfAttention(out, null, qkv, 5, 0.5f));
            assertThrows(IllegalArgumentException.class, () -> d.selfAttention(out, null, qkv, 0, 0.5f));
            assertThrows(IllegalArgumentException.class, () -> d.selfAttention(wrongOut, null, qkv, 4, 0.5f));
            assertThrows(IllegalArgumentException.class, () -> d.selfAttention(out, wrongProbs, qkv, 4, 0.5f));
            assertThrows(IllegalArgumentException.class, () -> d.selfAttention(qkv, null, qkv, 4, 0.5f));
        }
    }

    /** The Java backend's wrap shares the array: an op writing the tensor fills it. */
    @Test
    void javaWrapSharesTheArray() {
        Device d = TestDevices.java();
        float[] host = new float[6];
        try (Tensor t = d.wrap(host, 2, 3); Tensor src = d.upload(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)) {
            d.copy(t, src);
        }
        assertClose("wrapped array", new float[] {1, 2, 3, 4, 5, 6}, host);
        assertThrows(IllegalArgumentException.class, () -> d.wrap(new float[5], 2, 3));
    }

    private static void assertClose(String what, float[] want, float[] got) {
        if (want.length != got.length) {
            throw new AssertionError(what + ": length " + got.length + " vs " + want.length);
        }
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(want[i] - got[i]) <= TOL)) {
                throw new AssertionError(what + ": element " + i + " got " + got[i] + " want " + want[i]);
            }
        }
    }
}
