package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooInputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered mechanism, on a sequence and on a grid: its matrix is N×N and finite, and for
 * mechanisms linear in V, M·V equals the mechanism's own forward on random values (so the V-probe is
 * exact and forward really is linear in V).
 */
class MechanismContractTest {
    static Stream<Arguments> cases() {
        ZooInput seq = ZooInputs.synthetic(1, 24, 8, 3);
        ZooInput grid = ZooInputs.synthetic(6, 8, 8, 4);
        return Mechanisms.all().stream().flatMap(m -> Stream.of(Arguments.of(m.id(), seq), Arguments.of(m.id(), grid)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matrixTimesValuesEqualsForward(String id, ZooInput in) {
        Mixer mixer = Mechanisms.byIds(java.util.List.of(id)).get(0);
        if (mixer.unsupported(in) != null) {
            return;
        }
        MixingMatrix m = mixer.matrix(in);
        assertEquals(in.n(), m.n());
        for (float v : m.m()) {
            assertTrue(Float.isFinite(v), id + ": non-finite entry");
        }
        assertFalse(mixer.learnedParts(in).isBlank());
        assertTrue(mixer.flops(in.n(), in.d()) > 0);
        if (mixer.probe() != Mixer.Probe.V_PROBE) {
            return;
        }
        int dv = 5;
        float[] values = new float[in.n() * dv];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rnd.nextDouble(-1, 1);
        }
        float[] direct = mixer.forward(in, values, dv);
        float[] viaMatrix = m.apply(values, dv);
        double err = 0;
        double norm = 0;
        for (int i = 0; i < direct.length; i++) {
            err += Math.pow(direct[i] - viaMatrix[i], 2);
            norm += Math.pow(direct[i], 2);
        }
        assertTrue(Math.sqrt(err / norm) < 1e-5, id + ": M·V differs from forward by " + Math.sqrt(err / norm));
    }
}
