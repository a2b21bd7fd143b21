package org.attentionworkbench.compute.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.figure.FigureSet;
import org.junit.jupiter.api.Test;

class LabOptionsTest {
    static final Lab LAB = new Lab() {
        public String id() {
            return "toy";
        }

        public String title() {
            return "Toy";
        }

        public String summary() {
            return "A lab for the test.";
        }

        public List<LabOption> options() {
            return List.of(LabOption.integer("steps", 10, "Training steps."),
                    LabOption.real("lr", 0.01, "Learning rate."),
                    LabOption.choice("mode", "gd", List.of("gd", "gdpp"), "Which update."),
                    LabOption.flag("plot", true, "Draw."),
                    LabOption.file("image", "", "Input image (empty: bundled)."));
        }

        public FigureSet run(LabOptions options, LabProgress progress) {
            return new FigureSet.Builder("toy").build();
        }
    };

    @Test
    void defaultsAndGivenValuesAreTyped() throws Exception {
        LabOptions o = LabOptions.of(LAB, Map.of("steps", "25", "mode", "gdpp"));
        assertEquals(25, o.getInt("steps"));
        assertEquals(0.01, o.getDouble("lr"));
        assertEquals("gdpp", o.get("mode"));
        assertTrue(o.getFlag("plot"));
        assertNull(o.getFile("image"));
        assertEquals(List.of("gd", "gdpp"), LAB.options().get(2).choices());
    }

    @Test
    void badValuesNameTheOption() {
        LabException unknown = assertThrows(LabException.class, () -> LabOptions.of(LAB, Map.of("step", "2")));
        assertTrue(unknown.getMessage().contains("--step") && unknown.getMessage().contains("--steps"));
        LabException notInt = assertThrows(LabException.class, () -> LabOptions.of(LAB, Map.of("steps", "ten")));
        assertTrue(notInt.getMessage().contains("--steps"));
        assertThrows(LabException.class, () -> LabOptions.of(LAB, Map.of("mode", "adam")));
        assertThrows(LabException.class, () -> LabOptions.of(LAB, Map.of("lr", "NaN")));
        assertThrows(LabException.class, () -> LabOptions.of(LAB, Map.of("image", "/no/such/file.png")).getFile("image"));
        assertThrows(LabException.class, () -> LabOptions.of(LAB, Map.of("steps", "0")).getInt("steps", 1, 100));
    }
}
