package org.attentionworkbench.samples.defects;

/** The defects {@link Defects} plants; {@link #folder()} is the MVTec-style test folder name. */
public enum DefectKind {
    /** A thin curved line, lighter than the surface (darker on bright surfaces). */
    SCRATCH,
    /** A dark ellipse with a bright raised rim. */
    HOLE,
    /** A soft-edged blob of foreign colour with a ragged outline. */
    STAIN;

    public String folder() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
