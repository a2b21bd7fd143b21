package org.attentionworkbench.compute.labs.icl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
    }
}
