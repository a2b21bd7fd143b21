package org.attentionworkbench.compute.anomaly.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Heatmap file names, one per target, unique and stable: the target's name (its path below the
 * dataset's root, folders kept) with its own extension kept and ".png" added, so {@code x.jpg} and
 * {@code x.png} write {@code x.jpg.png} and {@code x.png.png}. A name that would still clash (the same
 * path in two inputs, or names differing only in case on a case-blind disk) gets "~2", "~3" … in
 * input order, so the same inputs always give the same names.
 */
public final class OutputNames {

    private OutputNames() {}

    /** Relative paths ('/' separated) below the heatmap folder, parallel to {@code names}. */
    public static List<String> heatmaps(List<String> names) {
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            String base = safe(name);
            String candidate = base + ".png";
            for (int k = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); k++) {
                candidate = base + "~" + k + ".png";
            }
            out.add(candidate);
        }
        return out;
    }

    /** No absolute path, no "." or ".." segment, no empty segment: the file stays below the folder. */
    static String safe(String name) {
        List<String> parts = new ArrayList<>();
        for (String s : name.replace('\\', '/').split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            parts.add(s.equals("..") ? "_" : s.replace(':', '_'));
        }
        return parts.isEmpty() ? "_" : String.join("/", parts);
    }
}
