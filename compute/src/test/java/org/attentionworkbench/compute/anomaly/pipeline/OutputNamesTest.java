package org.attentionworkbench.compute.anomaly.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputNamesTest {

    @Test
    void sameBaseNameWithAnotherExtensionGetsItsOwnFile() {
        assertEquals(List.of("x.jpg.png", "x.png.png"), OutputNames.heatmaps(List.of("x.jpg", "x.png")));
    }

    @Test
    void foldersAreKeptSoFlatteningCannotClash() {
        assertEquals(List.of("a/b_c.png.png", "a_b/c.png.png"), OutputNames.heatmaps(List.of("a/b_c.png", "a_b/c.png")));
    }

    @Test
    void repeatsAndCaseOnlyDifferencesAreNumberedInInputOrder() {
        List<String> names = List.of("good/0.png", "good/0.png", "X.png", "x.png", "good/0.png");
        List<String> expected = List.of("good/0.png.png", "good/0.png~2.png", "X.png.png", "x.png~2.png",
                "good/0.png~3.png");
        assertEquals(expected, OutputNames.heatmaps(names));
        assertEquals(expected, OutputNames.heatmaps(names), "stable: the same inputs give the same names");
    }

    @Test
    void namesStayBelowTheHeatmapFolder() {
        assertEquals(List.of("_/_/etc/passwd.png", "C_/x.png.png"), OutputNames.heatmaps(List.of("../../etc/passwd",
                "/C:/x.png")));
    }
}
