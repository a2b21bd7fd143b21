package org.attentionworkbench.app.anomaly;

/** What the inspector decided about one part. */
public enum Verdict {
    ACCEPT, REJECT;

    /** The word written to decisions.csv / decisions.json. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Verdict fromWord(String w) {
        return valueOf(w.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
