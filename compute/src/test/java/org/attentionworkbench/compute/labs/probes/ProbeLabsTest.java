package org.attentionworkbench.compute.labs.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.labs.catalog.Labs;
import org.junit.jupiter.api.Test;

/** Each probe lab with its defaults on the real vit4mnist and the bundled digits: the checks its scalars carry. */
class ProbeLabsTest {
    static FigureSet run(Lab lab, Map<String, String> options) throws Exception {
        assumeTrue(TestDevices.shared() != null, TestDevices.sharedHint());
        FigureSet f = lab.run(LabOptions.of(lab, options), LabProgress.NONE);
        System.out.println(lab.id() + " " + options + ": " + f.scalars());
        // written as the CLI will write it (figures.json + CSVs), kept under target/ to look at
        java.nio.file.Path out = java.nio.file.Path.of("target", "probe-labs",
                lab.id() + (options.isEmpty() ? "" : "-" + String.join("-", new java.util.TreeMap<>(options).values())));
        assertTrue(java.nio.file.Files.exists(org.attentionworkbench.compute.figure.FigureFiles.write(f, out).get(0)));
        return f;
    }

    static double s(FigureSet f, String name) {
        Double v = f.scalars().get(name);
        assertTrue(v != null, "scalar " + name + " missing from " + f.scalars().keySet());
        return v;
    }

    static HeatmapFigure heatmap(FigureSet f, String id) {
        return f.heatmaps().stream().filter(h -> h.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no heatmap " + id));
    }

    static int distinct(HeatmapFigure h) {
        Set<Float> s = new HashSet<>();
        for (float v : h.values()) {
            s.add(v);
        }
        return s.size();
    }

    @Test
    void registeredUnderTheIssuesIds() throws Exception {
        for (String id : new String[] {"fusion", "redundancy", "pathways", "shift", "posenc"}) {
            assertEquals(id, Labs.byId(id).id());
        }
    }

    @Test
    void fusionMergesRTokensPerLayerAndSavesFlops() throws Exception {
        FigureSet f = run(new FusionLab(), Map.of());
        assertEquals(1.0, s(f, "r0_logit_cosine"), 1e-6, "r = 0 is the unmerged pass");
        assertEquals(1.0, s(f, "groups_cover_every_patch"));
        // 16 patches, r = 2 after each of 6 layers: 14, 12, 10, 8, 6, 4 tokens hold the patches
        for (String m : new String[] {"mctf", "tome"}) {
            for (int l = 0; l < 6; l++) {
                assertEquals(14 - 2 * l, distinct(heatmap(f, "fusion-" + m + "-L" + l)), m + " groups after layer " + l);
            }
        }
        var cfg = ProbeViTTest.inputs().vit.config();
        double want = FusionLab.flops(cfg, new int[] {17, 15, 13, 11, 9, 7}, new int[] {15, 13, 11, 9, 7, 5})
                / FusionLab.flops(cfg, new int[] {17, 17, 17, 17, 17, 17}, new int[] {17, 17, 17, 17, 17, 17});
        assertEquals(want, s(f, "mctf_flops_ratio_at_r"), 1e-12);
        assertEquals(want, s(f, "tome_flops_ratio_at_r"), 1e-12);
        double c = s(f, "mctf_logit_cosine_at_r");
        assertTrue(c < 1 && c > 0.5, "merging changes the logits somewhat: " + c);
        double rand = s(f, "mctf_tome_rand_index_final");
        assertTrue(rand >= 0 && rand <= 1);
    }

    @Test
    void redundancyKeepsTheAskedShareAndComparesWithRollout() throws Exception {
        FigureSet f = run(new RedundancyLab(), Map.of());
        assertEquals(1.0, s(f, "keep1_logit_cosine"), 1e-6, "keep ratio 1 drops nothing");
        float[] until = heatmap(f, "redundancy-kept").values();
        int kept = 0;
        for (float v : until) {
            kept += v == 5 ? 1 : 0;
        }
        assertEquals(8, kept, "half of the 16 patches reach the last layer");
        double iou = s(f, "kept_vs_rollout_iou");
        assertTrue(iou > 0 && iou <= 1, "IoU " + iou);
        double rho = s(f, "cls_attention_vs_rollout_spearman");
        assertTrue(rho >= -1 && rho <= 1);
        // the rollout policy keeps exactly rollout's top patches
        FigureSet r = run(new RedundancyLab(), Map.of("policy", "rollout"));
        assertEquals(1.0, s(r, "kept_vs_rollout_iou"), 1e-12);
    }

    @Test
    void pathwaysDenseAtKeepOneAndKeepsTheAskedRate() throws Exception {
        FigureSet f = run(new PathwaysLab(), Map.of("ensemble", "3"));
        assertEquals(1.0, s(f, "keep1_probability_cosine"), 1e-6);
        assertEquals(1.0, s(f, "keep1_agreement"));
        assertEquals(0.5, s(f, "measured_keep_at_keep"), 0.03);
        assertTrue(s(f, "single_agreement_at_keep") < 1, "half the keys gone changes some predictions (the mask acts)");
        FigureSet local = run(new PathwaysLab(), Map.of("ensemble", "1", "bias", "local"));
        assertEquals(0.5, s(local, "measured_keep_at_keep"), 0.03, "the local bias is rescaled to the keep rate");
        assertEquals(1.0, s(local, "keep1_probability_cosine"), 1e-6, "keep rate 1 keeps every key");
    }

    @Test
    void shiftAnchoringIsExactWhereTheTheorySaysSo() throws Exception {
        FigureSet f = run(new ShiftLab(), Map.of());
        assertEquals(0.0, s(f, "anchored_roll_max_error"), "anchored(shift x) is anchored(x) rolled by whole patches");
        assertEquals(0.0, s(f, "anchored_token_permutation_max_error"), "its patch tokens are a cyclic permutation");
        assertEquals(0.0, s(f, "whole_patch_shift_token_permutation_max_error"));
        assertTrue(s(f, "theory_zero_roll_cases") > 0);
        assertTrue(s(f, "tied_phase_images") < 10, "some images have a unique best phase");
        assertEquals(1.0, s(f, "theory_zero_roll_consistency"));
        assertEquals(0.0, s(f, "theory_zero_roll_max_logit_diff"));
        assertTrue(s(f, "plain_consistency_mean") < 1, "a plain ViT is not shift invariant on these digits");
    }

    @Test
    void posencMatricesAtBothGrids() throws Exception {
        FigureSet f = run(new PosEncLab(), Map.of());
        assertEquals(8, s(f, "extrapolated_grid_h"));
        assertEquals(1e-6, s(f, "cos_diagonal_max_error"), 1e-5);
        assertEquals(0, s(f, "cos_asymmetry_max"), 1e-6);
        assertTrue(s(f, "logits_two_paths_max_rel_diff") < 1e-4);
        assertEquals(64, heatmap(f, "posenc-cos-extrapolated").rows());
        assertEquals(16, heatmap(f, "posenc-logits-train-h7").rows());
    }

    @Test
    void aGivenImageRunsAlone() throws Exception {
        String digit = java.nio.file.Path.of(ProbeLabsTest.class.getResource("/goldens/digits/digit_7.png").toURI()).toString();
        FigureSet f = run(new RedundancyLab(), Map.of("image", digit));
        assertEquals(1.0, s(f, "keep1_logit_cosine"), 1e-6);
        assertTrue(f.plots().stream().noneMatch(p -> p.id().equals("redundancy-accuracy")), "no label, no accuracy plot");
        assertEquals(16, heatmap(f, "redundancy-kept").values().length);
    }

    @Test
    void aMissingModelFileIsATypedErrorNamingIt() {
        LabException e = assertThrows(LabException.class,
                () -> LabOptions.of(new ShiftLab(), Map.of("model", "/nonexistent/model.pth")).getFile("model"));
        assertTrue(e.getMessage().contains("/nonexistent/model.pth"));
    }
}
