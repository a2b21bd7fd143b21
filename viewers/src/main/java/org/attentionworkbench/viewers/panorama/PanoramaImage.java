package org.attentionworkbench.viewers.panorama;

import java.util.Objects;

/**
 * An equirectangular image kept as a grid of square ARGB tiles, so that panoramas 8k–16k wide stay at
 * full resolution without one huge array or a GPU texture limit. Tiles have a power-of-two side;
 * edge tiles keep the full row stride and only the rows they need. Immutable once built.
 */
public final class PanoramaImage {
    /** Default tile side: 2048² ints = 16 MiB per tile. */
    public static final int DEFAULT_TILE = 2048;
    /** Largest image accepted (2^28 pixels = 1 GiB of tiles), so bad sizes fail clearly. */
    public static final long MAX_PIXELS = 1L << 28;

    private final int width;
    private final int height;
    private final int shift;
    private final int mask;
    private final int tilesX;
    private final int[][] tiles;

    /** Supplies row {@code y} of the image, ARGB, into {@code dst[0..width)}. */
    @FunctionalInterface
    public interface RowSource {
        void row(int y, int[] dst);
    }

    private PanoramaImage(int width, int height, int tileSize) {
        if (width < 2 || height < 2) {
            throw new IllegalArgumentException("a panorama needs at least 2×2 pixels, got " + width + "×" + height);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("panorama " + width + "×" + height + " is larger than "
                    + MAX_PIXELS + " pixels");
        }
        if (tileSize < 16 || Integer.bitCount(tileSize) != 1) {
            throw new IllegalArgumentException("tile size must be a power of two ≥ 16, got " + tileSize);
        }
        this.width = width;
        this.height = height;
        this.shift = Integer.numberOfTrailingZeros(tileSize);
        this.mask = tileSize - 1;
        this.tilesX = (width + mask) >> shift;
        int tilesY = (height + mask) >> shift;
        this.tiles = new int[tilesX * tilesY][];
        for (int ty = 0; ty < tilesY; ty++) {
            int rows = Math.min(tileSize, height - (ty << shift));
            for (int tx = 0; tx < tilesX; tx++) {
                tiles[ty * tilesX + tx] = new int[rows << shift];
            }
        }
    }

    /** Builds an image row by row (the rows are copied into tiles; {@code rows} may reuse its buffer). */
    public static PanoramaImage fromRows(int width, int height, int tileSize, RowSource rows) {
        PanoramaImage img = new PanoramaImage(width, height, tileSize);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            rows.row(y, row);
            img.setRow(y, row);
        }
        return img;
    }

    /** An image from one packed ARGB (or RGB: alpha is forced opaque) array, row-major. */
    public static PanoramaImage of(int width, int height, int[] argb) {
        Objects.requireNonNull(argb, "argb");
        if ((long) width * height != argb.length) {
            throw new IllegalArgumentException("panorama pixels: expected " + width + "×" + height + " = "
                    + (long) width * height + ", got " + argb.length);
        }
        return fromRows(width, height, DEFAULT_TILE,
                (y, dst) -> System.arraycopy(argb, y * width, dst, 0, width));
    }

    private void setRow(int y, int[] row) {
        int base = (y >> shift) * tilesX;
        int off = (y & mask) << shift;
        for (int tx = 0; tx < tilesX; tx++) {
            int x0 = tx << shift;
            int n = Math.min(mask + 1, width - x0);
            int[] tile = tiles[base + tx];
            for (int i = 0; i < n; i++) {
                tile[off + i] = 0xff000000 | row[x0 + i];
            }
        }
    }

    public int width() { return width; }
    public int height() { return height; }
    public int tileSize() { return mask + 1; }
    public int tileCount() { return tiles.length; }

    /** Pixel (x, y), opaque ARGB; x and y must be inside the image. */
    public int argb(int x, int y) {
        return tiles[(y >> shift) * tilesX + (x >> shift)][((y & mask) << shift) | (x & mask)];
    }

    /**
     * Bilinear sample at a fractional pixel position (pixel centres at integers). Columns wrap with
     * {@code period} when it is positive (a full 360° image), else clamp; rows clamp.
     */
    public int sample(double column, double row, int period) {
        double fx = Math.floor(column);
        double fy = Math.floor(row);
        double ax = column - fx;
        double ay = row - fy;
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = x0 + 1;
        int y1 = y0 + 1;
        if (period > 0) {
            x0 = Math.floorMod(x0, period);
            x1 = Math.floorMod(x1, period);
        } else {
            x0 = clamp(x0, width);
            x1 = clamp(x1, width);
        }
        y0 = clamp(y0, height);
        y1 = clamp(y1, height);
        return lerp(argb(x0, y0), argb(x1, y0), argb(x0, y1), argb(x1, y1), ax, ay);
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v >= n ? n - 1 : v);
    }

    /** Bilinear blend of four opaque ARGB pixels with 8-bit fixed-point weights (red and blue in one multiply). */
    static int lerp(int c00, int c10, int c01, int c11, double ax, double ay) {
        int fx = (int) (ax * 256), fy = (int) (ay * 256);
        int top = mix(c00, c10, fx);
        int bottom = mix(c01, c11, fx);
        return 0xff000000 | mix(top, bottom, fy);
    }

    private static int mix(int a, int b, int f) {
        int g = 256 - f;
        int rb = (((a & 0x00ff00ff) * g + (b & 0x00ff00ff) * f) >>> 8) & 0x00ff00ff;
        int gg = (((a & 0x0000ff00) * g + (b & 0x0000ff00) * f) >>> 8) & 0x0000ff00;
        return rb | gg;
    }
}
