package org.attentionworkbench.compute.pointcloud.lod;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ReadControl;

/**
 * A Potree-like level-of-detail octree over one {@link PointCloud}: every node holds a subsample of
 * the points below it, so drawing the nodes down to some depth shows the whole cloud at that depth's
 * density (research §2.1).
 *
 * <p>Sampling (Potree's grid sampling): a node at level L covers a cube of side {@code cubeSize / 2^L}
 * split into {@code gridSize³} cells of side {@code spacing = rootSpacing / 2^L}; it keeps one point
 * per occupied cell (the one nearest the cell's centre) and pushes the others down to its children.
 * A node with at most {@code maxPointsPerLeaf} points, or at {@code maxDepth}, keeps them all.
 *
 * <p>Layout: {@link #order()} is a permutation of the cloud's indices (octree position → original
 * index) in which each node's own points are contiguous ({@link Node#offset()}, {@link Node#count()})
 * and nodes are in depth-first order, so a renderer draws slices of one reordered array
 * ({@link #reordered}) and maps a picked position back through {@code order}. Points with a
 * non-finite coordinate cannot be placed: they sit at the end of {@code order}, in no node.
 *
 * <p>Coordinates are the cloud's local floats (those of {@link PointCloud#xyz()}). Node boxes are the
 * tight bounds of the node's subtree, rounded outwards to the build's 21-bit grid.
 *
 * <p>Building sorts the points by Morton code (a 63-bit key: 21 bits per axis, x in the high bit of
 * each triple as in Potree's child numbering 4 = +x, 2 = +y, 1 = +z), so every node and every sampling
 * cell is a contiguous run; the nodes of each level are then built in parallel ({@link Parallel}). Memory while building: 24 bytes per
 * point (codes and indices, each twice) besides the cloud; the result keeps 4 bytes per point.
 */
public final class Octree {
    /** Bits per axis of the Morton code. */
    static final int BITS = 21;

    /**
     * How the tree is cut.
     *
     * @param gridSize          sampling cells per axis in each node (a power of two, 2 to 1024; Potree's
     *                          root spacing ≈ cube / 128)
     * @param maxPointsPerLeaf  a node with at most this many points is a leaf and keeps them all
     * @param maxDepth          deepest level (the root is 0); at most {@code 21 - log2(gridSize)}
     */
    public record BuildOptions(int gridSize, int maxPointsPerLeaf, int maxDepth) {
        public static final BuildOptions DEFAULT = new BuildOptions(128, 20_000, 14);

        public BuildOptions {
            if (gridSize < 2 || gridSize > 1024 || Integer.bitCount(gridSize) != 1) {
                throw new IllegalArgumentException("gridSize must be a power of two from 2 to 1024: " + gridSize);
            }
            if (maxPointsPerLeaf < 1) {
                throw new IllegalArgumentException("maxPointsPerLeaf must be at least 1: " + maxPointsPerLeaf);
            }
            int deepest = BITS - Integer.numberOfTrailingZeros(gridSize);
            if (maxDepth < 0 || maxDepth > deepest) {
                throw new IllegalArgumentException("maxDepth must be in 0.." + deepest + " for grid " + gridSize
                        + ": " + maxDepth);
            }
        }

        int gridBits() {
            return Integer.numberOfTrailingZeros(gridSize);
        }
    }

    /**
     * One node. {@code offset}, {@code count}: its own points in {@link #order()}; its subtree's
     * points are {@code [offset, subtreeEnd)}. The box is the subtree's (local coordinates);
     * {@code children} are node ids in octant order; {@code parent} is -1 for the root.
     */
    public record Node(int level, float minX, float minY, float minZ, float maxX, float maxY, float maxZ,
            float spacing, int offset, int count, int subtreeEnd, int parent, int[] children) {
        public float[] center() {
            return new float[] {(minX + maxX) / 2, (minY + maxY) / 2, (minZ + maxZ) / 2};
        }

        /** Half the box's diagonal: the radius of the sphere around the box. */
        public double radius() {
            double dx = maxX - minX;
            double dy = maxY - minY;
            double dz = maxZ - minZ;
            return Math.sqrt(dx * dx + dy * dy + dz * dz) / 2;
        }

        public boolean isLeaf() {
            return children.length == 0;
        }
    }

    private final int pointCount;
    private final int finiteCount;
    private final BuildOptions options;
    private final float[] cubeMin;
    private final float cubeSize;
    private final int[] order;
    private final List<Node> nodes;

    /**
     * An octree from its parts, checked (used by {@link OctreeCache}); throws
     * {@link IllegalArgumentException} when they do not form a valid tree.
     */
    Octree(int pointCount, int finiteCount, BuildOptions options, float[] cubeMin, float cubeSize, int[] order,
            List<Node> nodes) {
        this.pointCount = pointCount;
        this.finiteCount = finiteCount;
        this.options = Objects.requireNonNull(options);
        this.cubeMin = cubeMin.clone();
        this.cubeSize = cubeSize;
        this.order = order;
        this.nodes = List.copyOf(nodes);
        validate();
    }

    public int pointCount() {
        return pointCount;
    }

    /** Points in nodes (the rest had a non-finite coordinate). */
    public int finiteCount() {
        return finiteCount;
    }

    public BuildOptions options() {
        return options;
    }

    /** The root cube's lowest corner (local coordinates). */
    public float[] cubeMin() {
        return cubeMin.clone();
    }

    public float cubeSize() {
        return cubeSize;
    }

    /** Spacing of the root: {@code cubeSize / gridSize}; level L has {@code rootSpacing / 2^L}. */
    public float rootSpacing() {
        return cubeSize / options.gridSize();
    }

    /** Octree position → index in the cloud; shared, do not modify. */
    public int[] order() {
        return order;
    }

    /** Nodes in depth-first order; node 0 is the root (empty when no point is finite). */
    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public int depth() {
        int d = 0;
        for (Node n : nodes) {
            d = Math.max(d, n.level());
        }
        return d;
    }

    /** The cloud in octree order, every attribute kept: the one array a renderer slices. */
    public PointCloud reordered(PointCloud cloud) {
        if (cloud.size() != pointCount) {
            throw new IllegalArgumentException("octree of " + pointCount + " points, cloud of " + cloud.size());
        }
        return cloud.select(order);
    }

    // ---- building ------------------------------------------------------------------------------

    /**
     * Builds the octree of {@code cloud}. Blocking and CPU-bound: call it from a background thread;
     * {@code control} gets progress (possibly from the build's worker threads) and can cancel, which
     * throws {@link InterruptedIOException}.
     */
    public static Octree build(PointCloud cloud, BuildOptions options, ReadControl control)
            throws InterruptedIOException {
        Objects.requireNonNull(options, "options");
        ReadControl ctl = control == null ? ReadControl.NONE : control;
        float[] xyz = cloud.xyz();
        int n = cloud.size();
        ctl.check(0);

        float[] lo = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] hi = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < n; i++) {
            float x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
            if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
                lo[0] = Math.min(lo[0], x);
                lo[1] = Math.min(lo[1], y);
                lo[2] = Math.min(lo[2], z);
                hi[0] = Math.max(hi[0], x);
                hi[1] = Math.max(hi[1], y);
                hi[2] = Math.max(hi[2], z);
            }
        }
        if (lo[0] > hi[0]) { // no finite point: no nodes
            int[] identity = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
            return new Octree(n, 0, options, new float[3], 1, identity, List.of());
        }
        float extent = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2]));
        // a little larger than the points, so the highest one still quantises inside the cube
        float size = extent > 0 ? Math.nextUp(extent * (1 + 1e-6f)) : 1f;

        long[] codes = new long[n];
        int[] idx = new int[n];
        double scale = (1 << BITS) / (double) size;
        Parallel.forRange(0, n, 1 << 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                float x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
                idx[i] = i;
                codes[i] = Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)
                        ? morton(quantise(x - lo[0], scale), quantise(y - lo[1], scale), quantise(z - lo[2], scale))
                        : -1L; // all bits set: sorts after every real code (those use 63 bits)
            }
        });
        ctl.check(0.05);
        long[] tmpCodes = new long[n];
        int[] tmpIdx = new int[n];
        radixSort(codes, idx, tmpCodes, tmpIdx, ctl);
        int finite = n;
        while (finite > 0 && codes[finite - 1] == -1L) {
            finite--;
        }

        Builder b = new Builder(codes, idx, tmpCodes, tmpIdx, options, finite, ctl);
        NodeBuilder root = new NodeBuilder(0, 0, finite, -1);
        // level by level: the nodes of one level touch disjoint ranges, so they run in parallel
        List<NodeBuilder> level = List.of(root);
        try {
            while (!level.isEmpty()) {
                NodeBuilder[] todo = level.toArray(NodeBuilder[]::new);
                Parallel.forRange(0, todo.length, 1, (from, to) -> {
                    for (int k = from; k < to; k++) {
                        b.build(todo[k]);
                    }
                });
                List<NodeBuilder> next = new ArrayList<>();
                for (NodeBuilder nb : todo) {
                    next.addAll(nb.children);
                }
                level = next;
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof InterruptedIOException ie) {
                throw ie;
            }
            throw e;
        }
        List<Node> nodes = new ArrayList<>();
        flatten(root, -1, nodes, lo, size / (1 << BITS), size / options.gridSize());
        ctl.check(1);
        return new Octree(n, finite, options, lo, size, idx, nodes);
    }

    static int quantise(float v, double scale) {
        long q = (long) (v * scale);
        return (int) Math.max(0, Math.min((1 << BITS) - 1, q));
    }

    /** LSD radix sort of unsigned 64-bit keys with their indices, 16 bits per pass; passes with one digit are skipped. */
    static void radixSort(long[] keys, int[] vals, long[] tmpKeys, int[] tmpVals, ReadControl ctl)
            throws InterruptedIOException {
        int n = keys.length;
        long[] srcK = keys, dstK = tmpKeys;
        int[] srcV = vals, dstV = tmpVals;
        int[] count = new int[1 << 16];
        for (int pass = 0; pass < 4; pass++) {
            int shift = 16 * pass;
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (srcK[i] >>> shift) & 0xFFFF]++;
            }
            if (n == 0 || count[(int) (srcK[0] >>> shift) & 0xFFFF] == n) {
                continue; // every key has the same digit here: the order stands
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int d = (int) (srcK[i] >>> shift) & 0xFFFF;
                int to = count[d]++;
                dstK[to] = srcK[i];
                dstV[to] = srcV[i];
            }
            long[] tk = srcK;
            srcK = dstK;
            dstK = tk;
            int[] tv = srcV;
            srcV = dstV;
            dstV = tv;
            ctl.check(0.05 + 0.25 * (pass + 1) / 4);
        }
        if (srcK != keys) {
            System.arraycopy(srcK, 0, keys, 0, n);
            System.arraycopy(srcV, 0, vals, 0, n);
        }
    }

    /** A node while building: its own points are [offset, offset + count), its subtree [offset, end). */
    private static final class NodeBuilder {
        final int level;
        final int offset;
        final int end;
        final int parentOctant;
        int count;
        final int[] qmin = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        final int[] qmax = {-1, -1, -1};
        final List<NodeBuilder> children = new ArrayList<>();

        NodeBuilder(int level, int offset, int end, int parentOctant) {
            this.level = level;
            this.offset = offset;
            this.end = end;
            this.parentOctant = parentOctant;
        }
    }

    /** The sampling over the Morton-sorted arrays; nodes touch disjoint ranges, so several run at once. */
    private record Builder(long[] codes, int[] idx, long[] tmpCodes, int[] tmpIdx, BuildOptions options, int total,
            ReadControl ctl, AtomicLong placed) {
        Builder(long[] codes, int[] idx, long[] tmpCodes, int[] tmpIdx, BuildOptions options, int total,
                ReadControl ctl) {
            this(codes, idx, tmpCodes, tmpIdx, options, total, ctl, new AtomicLong());
        }

        /** Samples the node's own points and creates its children (built with the next level). */
        void build(NodeBuilder node) {
            int lo = node.offset, hi = node.end, level = node.level;
            if (hi - lo <= options.maxPointsPerLeaf() || level >= options.maxDepth()) {
                node.count = hi - lo;
            } else {
                node.count = sample(lo, hi, level);
            }
            bounds(node, lo, lo + node.count);
            long done = placed.addAndGet(node.count);
            try {
                ctl.check(0.3 + 0.7 * done / Math.max(1, total));
            } catch (InterruptedIOException e) {
                throw new UncheckedIOException(e);
            }
            // the rest, still in Morton order: one contiguous run per child octant
            int shift = 3 * (BITS - 1 - level);
            for (int i = lo + node.count; i < hi; ) {
                int octant = (int) (codes[i] >>> shift) & 7;
                int j = i + 1;
                while (j < hi && ((int) (codes[j] >>> shift) & 7) == octant) {
                    j++;
                }
                node.children.add(new NodeBuilder(level + 1, i, j, octant));
                i = j;
            }
        }

        /**
         * Keeps the point nearest the centre of each occupied cell of [lo, hi): a stable partition that
         * moves them to the front. Returns how many were kept.
         */
        int sample(int lo, int hi, int level) {
            int cellBits = BITS - level - options.gridBits(); // bits per axis inside one cell
            int cellShift = 3 * cellBits;
            long inCell = cellShift == 0 ? 0 : (1L << cellShift) - 1;
            int side = 1 << cellBits;
            // the chosen points go to the front of tmp, the others to its back (in reverse)
            int kept = lo;
            int back = hi;
            for (int i = lo; i < hi; ) {
                long cell = codes[i] >>> cellShift;
                int best = i;
                long bestD = Long.MAX_VALUE;
                int j = i;
                while (j < hi && (codes[j] >>> cellShift) == cell) {
                    long sub = codes[j] & inCell;
                    long d = sq(2L * compact(sub >>> 2) + 1 - side) + sq(2L * compact(sub >>> 1) + 1 - side)
                            + sq(2L * compact(sub) + 1 - side);
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                    j++;
                }
                for (int k = i; k < j; k++) {
                    if (k == best) {
                        tmpCodes[kept] = codes[k];
                        tmpIdx[kept++] = idx[k];
                    } else {
                        tmpCodes[--back] = codes[k];
                        tmpIdx[back] = idx[k];
                    }
                }
                i = j;
            }
            // the rest went in backwards: copy it back in its Morton order after the kept points
            System.arraycopy(tmpCodes, lo, codes, lo, kept - lo);
            System.arraycopy(tmpIdx, lo, idx, lo, kept - lo);
            for (int k = kept, from = hi - 1; k < hi; k++, from--) {
                codes[k] = tmpCodes[from];
                idx[k] = tmpIdx[from];
            }
            return kept - lo;
        }

        /** Quantised bounds of the node's own points. */
        void bounds(NodeBuilder node, int from, int to) {
            for (int i = from; i < to; i++) {
                long c = codes[i];
                int x = compact(c >>> 2), y = compact(c >>> 1), z = compact(c);
                node.qmin[0] = Math.min(node.qmin[0], x);
                node.qmin[1] = Math.min(node.qmin[1], y);
                node.qmin[2] = Math.min(node.qmin[2], z);
                node.qmax[0] = Math.max(node.qmax[0], x);
                node.qmax[1] = Math.max(node.qmax[1], y);
                node.qmax[2] = Math.max(node.qmax[2], z);
            }
        }
    }

    private static long sq(long v) {
        return v * v;
    }

    /** Depth-first ids; subtree boxes are unions of the children's. Returns the node's quantised bounds. */
    private static int[] flatten(NodeBuilder b, int parent, List<Node> out, float[] cubeMin, float quantum,
            float rootSpacing) {
        int id = out.size();
        out.add(null);
        int[] q = {b.qmin[0], b.qmin[1], b.qmin[2], b.qmax[0], b.qmax[1], b.qmax[2]};
        int[] children = new int[b.children.size()];
        for (int c = 0; c < children.length; c++) {
            children[c] = out.size();
            int[] cq = flatten(b.children.get(c), id, out, cubeMin, quantum, rootSpacing);
            for (int k = 0; k < 3; k++) {
                q[k] = Math.min(q[k], cq[k]);
                q[3 + k] = Math.max(q[3 + k], cq[3 + k]);
            }
        }
        // padded by two float steps at the cube's magnitude: quantising (x - min) in float rounds at that scale
        float[] pad = new float[3];
        for (int k = 0; k < 3; k++) {
            pad[k] = 2 * Math.ulp(Math.abs(cubeMin[k]) + quantum * (1 << BITS));
        }
        out.set(id, new Node(b.level, cubeMin[0] + q[0] * quantum - pad[0], cubeMin[1] + q[1] * quantum - pad[1],
                cubeMin[2] + q[2] * quantum - pad[2], cubeMin[0] + (q[3] + 1) * quantum + pad[0],
                cubeMin[1] + (q[4] + 1) * quantum + pad[1], cubeMin[2] + (q[5] + 1) * quantum + pad[2],
                rootSpacing / (1 << b.level), b.offset, b.count, b.end, parent, children));
        return q;
    }

    // ---- Morton codes --------------------------------------------------------------------------

    /** Interleaves three 21-bit coordinates, x in the highest bit of each triple. */
    static long morton(int x, int y, int z) {
        return spread(x) << 2 | spread(y) << 1 | spread(z);
    }

    /** Puts bit k of v at bit 3k. */
    static long spread(int v) {
        long x = v & 0x1FFFFFL;
        x = (x | x << 32) & 0x1F00000000FFFFL;
        x = (x | x << 16) & 0x1F0000FF0000FFL;
        x = (x | x << 8) & 0x100F00F00F00F00FL;
        x = (x | x << 4) & 0x10C30C30C30C30C3L;
        x = (x | x << 2) & 0x1249249249249249L;
        return x;
    }

    /** The inverse of {@link #spread}: bits 0, 3, 6, ... of v packed together. */
    static int compact(long v) {
        long x = v & 0x1249249249249249L;
        x = (x ^ (x >>> 2)) & 0x10C30C30C30C30C3L;
        x = (x ^ (x >>> 4)) & 0x100F00F00F00F00FL;
        x = (x ^ (x >>> 8)) & 0x1F0000FF0000FFL;
        x = (x ^ (x >>> 16)) & 0x1F00000000FFFFL;
        x = (x ^ (x >>> 32)) & 0x1FFFFFL;
        return (int) x;
    }

    // ---- checks --------------------------------------------------------------------------------

    /** Every point once, nodes depth-first with nested, disjoint ranges: what a cache file must also satisfy. */
    private void validate() {
        if (order.length != pointCount || finiteCount < 0 || finiteCount > pointCount) {
            throw new IllegalArgumentException("order holds " + order.length + " entries for " + pointCount
                    + " points (" + finiteCount + " finite)");
        }
        BitSet seen = new BitSet(pointCount);
        for (int i : order) {
            if (i < 0 || i >= pointCount || seen.get(i)) {
                throw new IllegalArgumentException("order is not a permutation (index " + i + ")");
            }
            seen.set(i);
        }
        if (nodes.isEmpty()) {
            if (finiteCount != 0) {
                throw new IllegalArgumentException("no nodes for " + finiteCount + " finite points");
            }
            return;
        }
        long own = 0;
        for (int id = 0; id < nodes.size(); id++) {
            Node n = nodes.get(id);
            if (n == null || n.offset() < 0 || n.count() < 0 || n.offset() + (long) n.count() > n.subtreeEnd()
                    || n.subtreeEnd() > finiteCount || n.level() < 0 || n.level() > BITS) {
                throw new IllegalArgumentException("node " + id + " has a bad range or level: " + n);
            }
            if ((id == 0) != (n.parent() < 0) || n.parent() >= id) {
                throw new IllegalArgumentException("node " + id + " has a bad parent " + n.parent());
            }
            int next = n.offset() + n.count();
            for (int c : n.children()) {
                if (c <= id || c >= nodes.size()) {
                    throw new IllegalArgumentException("node " + id + " has a bad child " + c);
                }
                Node child = nodes.get(c);
                if (child.parent() != id || child.level() != n.level() + 1 || child.offset() != next) {
                    throw new IllegalArgumentException("node " + c + " does not follow its parent " + id);
                }
                next = child.subtreeEnd();
            }
            if (next != n.subtreeEnd()) {
                throw new IllegalArgumentException("node " + id + "'s children do not fill its range");
            }
            own += n.count();
        }
        Node root = nodes.get(0);
        if (root.offset() != 0 || root.subtreeEnd() != finiteCount || own != finiteCount) {
            throw new IllegalArgumentException("nodes hold " + own + " points, expected " + finiteCount);
        }
    }

    /** Thrown by {@link OctreeCache} readers for a file that fails {@link #validate}. */
    static IOException invalid(String what, IllegalArgumentException e) {
        return new IOException(what + ": " + e.getMessage(), e);
    }
}
