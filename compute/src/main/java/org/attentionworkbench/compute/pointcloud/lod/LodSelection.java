package org.attentionworkbench.compute.pointcloud.lod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Which octree nodes to draw for one view under a point budget: Potree's priority traversal
 * ({@code Potree_update_visibility.js}, research §2.1).
 *
 * <p>From the root, the node of highest priority is taken next; it is drawn when its box meets the
 * view frustum and its points still fit the budget, and the traversal stops at the first node that
 * does not fit. A drawn node's children are queued with priority = the projected radius of their
 * bounding sphere in pixels, {@code radius · (0.5 · screenHeight) / (tan(fovY / 2) · distance)}
 * (the maximum when the eye is inside the sphere); children smaller than {@code minNodePixelSize}
 * are skipped. Orthographic views use the box diagonal as priority (nearer first among equals) and
 * the orthographic scale for the size test.
 *
 * <p>Everything is in the octree's coordinates, the cloud's local floats (those the renderer's
 * scene uses). A pure function of its inputs.
 */
public final class LodSelection {
    /** Potree's viewer default for {@code minNodePixelSize}. */
    public static final double DEFAULT_MIN_NODE_PIXELS = 30;

    private LodSelection() {}

    /** One node to draw: its own points are {@code [offset, offset + count)} of the octree order. */
    public record Visible(int node, int level, int offset, int count, float spacing, double distance) {}

    /** The nodes to draw, nearest first, and their points in total. */
    public record Result(List<Visible> nodes, long points) {}

    private record Candidate(int node, double weight, double distance) {}

    /**
     * @param viewProjection   projection × view, column-major 4×4 (OpenGL clip space, w > 0 in front)
     * @param eye              the camera position (for distances)
     * @param ortho            orthographic projection
     * @param screenHeight     the frame's height in pixels
     * @param fovY             vertical field of view in radians (perspective)
     * @param pointBudget      most points drawn
     * @param minNodePixelSize children whose projected radius is smaller are not drawn
     */
    public static Result select(Octree octree, double[] viewProjection, double[] eye, boolean ortho, int screenHeight,
            double fovY, long pointBudget, double minNodePixelSize) {
        if (viewProjection.length != 16 || eye.length != 3) {
            throw new IllegalArgumentException("need a 4×4 matrix (16 values) and an eye (3 values)");
        }
        if (screenHeight <= 0 || !ortho && !(fovY > 0 && fovY < Math.PI)) {
            throw new IllegalArgumentException("need a positive screen height and a field of view in (0, π): "
                    + screenHeight + ", " + fovY);
        }
        List<Octree.Node> nodes = octree.nodes();
        List<Visible> out = new ArrayList<>();
        if (nodes.isEmpty()) {
            return new Result(out, 0);
        }
        double[][] planes = planes(viewProjection);
        double projFactor = 0.5 * screenHeight / Math.tan(fovY / 2);
        // orthographic pixels per unit: the second clip row of P·V has length 1/top (V is a rotation + shift)
        double orthoScale = 0.5 * screenHeight * Math.sqrt(viewProjection[1] * viewProjection[1]
                + viewProjection[5] * viewProjection[5] + viewProjection[9] * viewProjection[9]);
        PriorityQueue<Candidate> queue = new PriorityQueue<>(Comparator.comparingDouble(Candidate::weight).reversed()
                .thenComparingDouble(Candidate::distance));
        queue.add(new Candidate(0, Double.MAX_VALUE, distance(nodes.get(0), eye)));
        long points = 0;
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            Octree.Node node = nodes.get(c.node());
            if (!intersects(planes, node)) {
                continue;
            }
            if (points + node.count() > pointBudget) {
                break; // as Potree: what is left is smaller than what did not fit
            }
            points += node.count();
            out.add(new Visible(c.node(), node.level(), node.offset(), node.count(), node.spacing(), c.distance()));
            for (int child : node.children()) {
                Octree.Node ch = nodes.get(child);
                double radius = ch.radius();
                double distance = distance(ch, eye);
                double weight;
                if (ortho) {
                    if (radius * orthoScale < minNodePixelSize) {
                        continue;
                    }
                    weight = 2 * radius;
                } else if (distance - radius < 0) {
                    weight = Double.MAX_VALUE;
                } else {
                    weight = radius * projFactor / distance;
                    if (weight < minNodePixelSize) {
                        continue;
                    }
                }
                queue.add(new Candidate(child, weight, distance));
            }
        }
        out.sort(Comparator.comparingDouble(Visible::distance));
        return new Result(out, points);
    }

    private static double distance(Octree.Node n, double[] eye) {
        double dx = (n.minX() + n.maxX()) / 2.0 - eye[0];
        double dy = (n.minY() + n.maxY()) / 2.0 - eye[1];
        double dz = (n.minZ() + n.maxZ()) / 2.0 - eye[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The six clip planes (a, b, c, d), inside where a·x + b·y + c·z + d ≥ 0 (Gribb and Hartmann). */
    static double[][] planes(double[] m) {
        double[][] p = new double[6][4];
        for (int k = 0; k < 4; k++) {
            double row0 = m[4 * k], row1 = m[4 * k + 1], row2 = m[4 * k + 2], row3 = m[4 * k + 3];
            p[0][k] = row3 + row0;
            p[1][k] = row3 - row0;
            p[2][k] = row3 + row1;
            p[3][k] = row3 - row1;
            p[4][k] = row3 + row2;
            p[5][k] = row3 - row2;
        }
        return p;
    }

    /** False when the box lies wholly outside one plane (its corner furthest along the plane normal is outside). */
    static boolean intersects(double[][] planes, Octree.Node n) {
        for (double[] p : planes) {
            double x = p[0] >= 0 ? n.maxX() : n.minX();
            double y = p[1] >= 0 ? n.maxY() : n.minY();
            double z = p[2] >= 0 ? n.maxZ() : n.minZ();
            if (p[0] * x + p[1] * y + p[2] * z + p[3] < 0) {
                return false;
            }
        }
        return true;
    }
}
