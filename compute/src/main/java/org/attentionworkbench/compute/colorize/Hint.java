package org.attentionworkbench.compute.colorize;

/**
 * One user colour hint: an ab colour over a size×size square of full-resolution pixels.
 *
 * <p>The square covers columns [x - (size-1)/2, x - (size-1)/2 + size) (integer division) and the
 * same rows: centred for odd sizes, (x, y) its top-left pixel for size 2 (the iColoriT protocol).
 * The id is stable across edits so a method can tell which hint changed.
 */
public record Hint(int id, int x, int y, float a, float b, int size) {
    public static final int MIN_SIZE = 1, MAX_SIZE = 9;

    public Hint {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("hint size " + size + " outside " + MIN_SIZE + ".." + MAX_SIZE);
        }
        if (!Float.isFinite(a) || !Float.isFinite(b)) {
            throw new IllegalArgumentException("hint colour (" + a + ", " + b + ") is not finite");
        }
    }

    /** First covered column. */
    public int x0() {
        return x - (size - 1) / 2;
    }

    /** First covered row. */
    public int y0() {
        return y - (size - 1) / 2;
    }

    /** The square's centre in continuous pixel coordinates (pixel i spans [i, i+1)). */
    public double centreX() {
        return x0() + size / 2.0;
    }

    public double centreY() {
        return y0() + size / 2.0;
    }

    public Hint movedTo(int nx, int ny) {
        return new Hint(id, nx, ny, a, b, size);
    }

    public Hint recoloured(float na, float nb) {
        return new Hint(id, x, y, na, nb, size);
    }

    public Hint resized(int nsize) {
        return new Hint(id, x, y, a, b, nsize);
    }

    /** Same place and size (a recolour keeps the attention weights). */
    public boolean samePlace(Hint o) {
        return x == o.x && y == o.y && size == o.size;
    }
}
