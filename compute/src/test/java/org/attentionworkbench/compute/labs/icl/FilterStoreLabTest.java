package org.attentionworkbench.compute.labs.icl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.attentionworkbench.compute.autograd.Adam;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;
import org.junit.jupiter.api.Test;

class FilterStoreLabTest {

    @Test
    void attentionFiltersTheSubjectAndExtractionNeedsRepetitionAndCoverage() throws Exception {
        FilterStoreLab lab = new FilterStoreLab();
        FigureSet f = lab.run(LabOptions.of(lab, Map.of("repetitions", "1,8")), LabProgress.NONE);
        Map<String, Double> s = f.scalars();
        assertTrue(s.get("storageBeforeFinetune_maxRep") > 0.9, s.toString());
        assertTrue(s.get("subjectAttention_pretrainFormat_end") > 0.6, s.toString());
        assertTrue(s.get("extraction_maxRep_fullCoverage") > s.get("chance") + 0.25, s.toString());
        assertTrue(s.get("extraction_maxRep_fullCoverage") > s.get("extraction_maxRep_minCoverage") + 0.2, s.toString());
        assertTrue(s.get("extraction_maxRep_fullCoverage") > s.get("extraction_minRep_fullCoverage") + 0.1, s.toString());
        // LoRA fine-tuning also makes the held-out facts extractable, with far fewer trainable parameters
        assertTrue(s.get("extraction_lora_r4") > s.get("chance") + 0.25, s.toString());
        assertTrue(s.get("trainableParams_lora_r1") * 4 == s.get("trainableParams_lora_r4"), s.toString());
    }

    @Test
    void loraStartsAsTheBaseModelAndTrainsOnlyItsFactors() {
        FilterStoreLab.World w = new FilterStoreLab.World(8, 2, 3, 2, 3, new Random(1));
        FilterStoreLab.Model m = new FilterStoreLab.Model(w.vocab(), 8, 16, 6, new Random(2));
        float[][] base = m.snapshot();
        float[] before = m.forward(w.heldOutQuestions())[0].data().clone();
        m.addLora(2, new Random(3));
        assertArrayEquals(before, m.forward(w.heldOutQuestions())[0].data(), 1e-6f, "B = 0: LoRA changes nothing at first");
        Adam adam = new Adam(m.loraParameters(), 0.05f);
        Random r = new Random(4);
        for (int s = 0; s < 5; s++) {
            m.step(adam, w.finetuneBatch(8, 2, r));
        }
        float[][] after = m.snapshot();
        for (int i = 0; i < base.length; i++) {
            assertArrayEquals(base[i], after[i], "base weight " + i + " stays frozen");
        }
        assertTrue(maxAbsDiff(before, m.forward(w.heldOutQuestions())[0].data()) > 1e-4, "the factors did train");
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
