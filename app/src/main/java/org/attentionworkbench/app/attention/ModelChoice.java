package org.attentionworkbench.app.attention;

import java.nio.file.Path;

/**
 * An image model the user can pick: its card file, its name, and whether it was trained (the
 * generated sample is not, and every place that shows it says so).
 *
 * @param origin "catalog", "import", "sample" or "bundled" (a card shipped beside the app)
 */
public record ModelChoice(String id, String name, Path card, boolean trained, String origin) {

    /** The name as shown in lists: an untrained model always carries the word. */
    public String label() {
        if (trained || name.toLowerCase(java.util.Locale.ROOT).contains("untrained")) {
            return trained ? name : name + " — not trained";
        }
        return name + " (UNTRAINED)";
    }

    @Override
    public String toString() {
        return label();
    }
}
