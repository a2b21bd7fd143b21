package org.attentionworkbench.viewers.text;

import javafx.scene.paint.Color;

/** Colours for attention heads: Tableau 10, then its light variants (as BertViz's d3 palette). */
public final class HeadPalette {
    private static final Color[] COLOURS = {
        Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#2ca02c"), Color.web("#d62728"),
        Color.web("#9467bd"), Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#7f7f7f"),
        Color.web("#bcbd22"), Color.web("#17becf"), Color.web("#aec7e8"), Color.web("#ffbb78"),
        Color.web("#98df8a"), Color.web("#ff9896"), Color.web("#c5b0d5"), Color.web("#c49c94"),
    };

    private HeadPalette() {}

    /** The colour of head h (cycles after 16). */
    public static Color color(int head) {
        return COLOURS[Math.floorMod(head, COLOURS.length)];
    }
}
