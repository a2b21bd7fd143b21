package org.attentionworkbench.samples.rooms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.samples.Rng;

/**
 * A ray-cast box room with furniture, for depth tests and the demo: exact depth at any resolution, no
 * download. Everything is analytic (planes, axis-aligned boxes, an upright cylinder, a sphere), so the
 * depth of a pixel is the exact distance along its ray, computed in double precision.
 *
 * <p><b>World frame</b> (metres): x east, y north, z up. The room spans [0, width] × [0, depth] ×
 * [0, height]; the floor is z = 0. The camera sits inside the room, never inside furniture.
 *
 * <p><b>Equirectangular convention</b> ({@link #render}): pixel centres, not endpoints. Column c has
 * longitude λ = (c + 0.5)·2π/W − π (left edge −π, right edge +π); row r has elevation
 * φ = π/2 − (r + 0.5)·π/H, so the top row looks up at the ceiling and the bottom row down at the floor
 * (OmniFusion calls −φ its latitude: negative latitude at the top). The ray of (λ, φ) is
 * (cos φ sin λ, cos φ cos λ, sin φ): λ = 0 (the image centre) looks north (+y), λ = +π/2 east (+x).
 */
public final class SyntheticRoom {
    /** Beyond this many pixels a render would need gigabytes; refuse rather than run out of memory. */
    public static final long MAX_PIXELS = 1L << 26;

    private record Box(double x0, double y0, double z0, double x1, double y1, double z1, int colour) {}

    /** Upright cylinder standing on z0. */
    private record Cylinder(double cx, double cy, double r, double z0, double z1, int colour) {}

    private record Sphere(double cx, double cy, double cz, double r, int colour) {}

    /** A rectangle painted on a wall (window or door); u runs along the wall from its lower-coordinate end. */
    private record Opening(int wall, double u0, double u1, double z0, double z1, boolean window) {}

    private final double width, depth, height;
    private final double camX, camY, camZ;
    private final List<Box> boxes;
    private final List<Cylinder> cylinders;
    private final List<Sphere> spheres;
    private final List<Opening> openings;
    private final int[] wallColours; // west, east, south, north
    private final int floorA, floorB;

    private SyntheticRoom(double width, double depth, double height, double camX, double camY, double camZ,
            List<Box> boxes, List<Cylinder> cylinders, List<Sphere> spheres, List<Opening> openings,
            int[] wallColours, int floorA, int floorB) {
        if (!(width > 0 && depth > 0 && height > 0)) {
            throw new IllegalArgumentException("room size must be positive: " + width + " × " + depth + " × " + height);
        }
        if (!(camX > 0 && camX < width && camY > 0 && camY < depth && camZ > 0 && camZ < height)) {
            throw new IllegalArgumentException("camera (" + camX + ", " + camY + ", " + camZ
                    + ") is not strictly inside the room " + width + " × " + depth + " × " + height);
        }
        this.width = width;
        this.depth = depth;
        this.height = height;
        this.camX = camX;
        this.camY = camY;
        this.camZ = camZ;
        this.boxes = List.copyOf(boxes);
        this.cylinders = List.copyOf(cylinders);
        this.spheres = List.copyOf(spheres);
        this.openings = List.copyOf(openings);
        this.wallColours = wallColours.clone();
        this.floorA = floorA;
        this.floorB = floorB;
        for (Box b : this.boxes) {
            if (camX >= b.x0 && camX <= b.x1 && camY >= b.y0 && camY <= b.y1 && camZ >= b.z0 && camZ <= b.z1) {
                throw new IllegalArgumentException("the camera is inside the box " + b);
            }
        }
    }

    /** A bare room (plain walls, checker floor, no furniture, no openings): the analytic test case. */
    public static SyntheticRoom empty(double width, double depth, double height, double camX, double camY, double camZ) {
        return new SyntheticRoom(width, depth, height, camX, camY, camZ, List.of(), List.of(), List.of(), List.of(),
                new int[] {0xC8B89A, 0xA9BFCF, 0xB7C9A8, 0xD2B7B0}, 0x8A6A48, 0xC9A77C);
    }

    /** This room with one more axis-aligned box (an occluder for tests). */
    public SyntheticRoom withBox(double x0, double y0, double z0, double x1, double y1, double z1) {
        if (!(x0 < x1 && y0 < y1 && z0 < z1)) {
            throw new IllegalArgumentException("box corners must increase: (" + x0 + ", " + y0 + ", " + z0
                    + ") .. (" + x1 + ", " + y1 + ", " + z1 + ")");
        }
        List<Box> more = new ArrayList<>(boxes);
        more.add(new Box(x0, y0, z0, x1, y1, z1, 0x6E4B8C));
        return new SyntheticRoom(width, depth, height, camX, camY, camZ, more, cylinders, spheres, openings,
                wallColours, floorA, floorB);
    }

    /** A random furnished room with the camera at 1.5 m. */
    public static SyntheticRoom random(long seed) {
        return random(seed, 1.5);
    }

    /**
     * A random furnished room: 3.5–7 m × 3–6 m × 2.4–3.2 m, the camera at {@code cameraHeight} somewhere in
     * the middle half of the floor plan, 2–4 tables or cabinets, a pillar or bin (cylinder), maybe a ball,
     * a window and a door. The same seed gives the same room on every JVM.
     *
     * @param cameraHeight metres above the floor, 0.1–2.3 (the lowest possible ceiling less 0.1 m)
     */
    public static SyntheticRoom random(long seed, double cameraHeight) {
        if (!(cameraHeight >= 0.1 && cameraHeight <= 2.3)) {
            throw new IllegalArgumentException("camera height " + cameraHeight + " m is outside 0.1–2.3 m");
        }
        Rng rng = new Rng(seed);
        double w = rng.range(3.5, 7), d = rng.range(3, 6), h = rng.range(2.4, 3.2);
        double cx = rng.range(0.3 * w, 0.7 * w), cy = rng.range(0.3 * d, 0.7 * d);
        List<Box> boxes = new ArrayList<>();
        List<double[]> footprints = new ArrayList<>(); // x0, y0, x1, y1 of every piece, to keep them apart
        footprints.add(new double[] {cx - 0.3, cy - 0.3, cx + 0.3, cy + 0.3}); // the camera's own space
        int pieces = 2 + rng.nextInt(3);
        for (int p = 0; p < pieces; p++) {
            boolean table = rng.nextDouble() < 0.5;
            for (int attempt = 0; attempt < 40; attempt++) {
                double[] f = table ? tableFootprint(rng, w, d) : cabinetFootprint(rng, w, d);
                if (overlapsAny(f, footprints)) {
                    continue;
                }
                footprints.add(f);
                int colour = pick(rng, 0x7A5230, 0x5C6F82, 0xB04A3A, 0x3E7A52, 0xD9CFA0, 0x444448);
                if (table) {
                    double top = rng.range(0.70, 0.78), leg = 0.05;
                    boxes.add(new Box(f[0], f[1], top - 0.04, f[2], f[3], top, colour));
                    boxes.add(new Box(f[0], f[1], 0, f[0] + leg, f[1] + leg, top - 0.04, colour));
                    boxes.add(new Box(f[2] - leg, f[1], 0, f[2], f[1] + leg, top - 0.04, colour));
                    boxes.add(new Box(f[0], f[3] - leg, 0, f[0] + leg, f[3], top - 0.04, colour));
                    boxes.add(new Box(f[2] - leg, f[3] - leg, 0, f[2], f[3], top - 0.04, colour));
                } else {
                    boxes.add(new Box(f[0], f[1], 0, f[2], f[3], Math.min(rng.range(0.8, 2.0), h - 0.2), colour));
                }
                break;
            }
        }
        List<Cylinder> cylinders = new ArrayList<>();
        for (int attempt = 0; attempt < 40; attempt++) {
            double r = rng.range(0.12, 0.3);
            double x = rng.range(r + 0.05, w - r - 0.05), y = rng.range(r + 0.05, d - r - 0.05);
            double[] f = {x - r, y - r, x + r, y + r};
            if (!overlapsAny(f, footprints)) {
                footprints.add(f);
                cylinders.add(new Cylinder(x, y, r, 0, rng.nextDouble() < 0.3 ? h : rng.range(0.4, 1.1),
                        pick(rng, 0xE0E0DC, 0x2F5D8A, 0x9C7A3C)));
                break;
            }
        }
        List<Sphere> spheres = new ArrayList<>();
        if (rng.nextDouble() < 0.6) {
            for (int attempt = 0; attempt < 40; attempt++) {
                double r = rng.range(0.1, 0.3);
                double x = rng.range(r + 0.05, w - r - 0.05), y = rng.range(r + 0.05, d - r - 0.05);
                double[] f = {x - r, y - r, x + r, y + r};
                if (!overlapsAny(f, footprints)) {
                    footprints.add(f);
                    spheres.add(new Sphere(x, y, r, r, pick(rng, 0xD8462F, 0xF2C12E, 0x3FA7D6)));
                    break;
                }
            }
        }
        int windowWall = rng.nextInt(4), doorWall = (windowWall + 1 + rng.nextInt(3)) % 4;
        double windowLen = wallLength(windowWall, w, d), doorLen = wallLength(doorWall, w, d);
        double ww = rng.range(1.0, Math.min(1.8, windowLen - 0.6)), wu = rng.range(0.3, windowLen - ww - 0.3);
        double doorU = rng.range(0.2, doorLen - 1.1);
        List<Opening> openings = List.of(
                new Opening(windowWall, wu, wu + ww, 0.9, Math.min(2.1, h - 0.2), true),
                new Opening(doorWall, doorU, doorU + 0.9, 0, 2.05, false));
        int[] walls = new int[4];
        int base = pick(rng, 0xC8B89A, 0xA9BFCF, 0xB7C9A8, 0xD2B7B0, 0xE3D9C6);
        for (int i = 0; i < 4; i++) {
            walls[i] = tint(base, 0.85 + 0.3 * rng.nextDouble()); // each wall a little different
        }
        return new SyntheticRoom(w, d, h, cx, cy, cameraHeight, boxes, cylinders, spheres, openings, walls,
                pick(rng, 0x8A6A48, 0x6B6B6B, 0x7C4F3A), pick(rng, 0xC9A77C, 0xBDBDBD, 0xD8B48A));
    }

    public double width() {
        return width;
    }

    public double depth() {
        return depth;
    }

    public double height() {
        return height;
    }

    public double cameraX() {
        return camX;
    }

    public double cameraY() {
        return camY;
    }

    public double cameraZ() {
        return camZ;
    }

    /** Boxes (a table counts as five: top and legs), cylinders and spheres. */
    public int solidCount() {
        return boxes.size() + cylinders.size() + spheres.size();
    }

    /** Longitude of a column's centre: (c + 0.5)·2π/W − π. */
    public static double longitude(int column, int imageWidth) {
        return (column + 0.5) * 2 * Math.PI / imageWidth - Math.PI;
    }

    /** Elevation of a row's centre: π/2 − (r + 0.5)·π/H (positive up, so row 0 looks up). */
    public static double elevation(int row, int imageHeight) {
        return Math.PI / 2 - (row + 0.5) * Math.PI / imageHeight;
    }

    /** The unit world ray of a longitude and elevation: (cos φ sin λ, cos φ cos λ, sin φ). */
    public static double[] direction(double longitude, double elevation) {
        double c = Math.cos(elevation);
        return new double[] {c * Math.sin(longitude), c * Math.cos(longitude), Math.sin(elevation)};
    }

    /** Exact distance in metres from the camera to the first surface along a unit direction. */
    public double distance(double dx, double dy, double dz) {
        return trace(dx, dy, dz, new int[1]);
    }

    /** An equirectangular render with radial depth (see the class comment for the convention). */
    public RoomRender render(int imageWidth, int imageHeight) {
        return render(imageWidth, imageHeight, false);
    }

    /**
     * An equirectangular render in {@code compute.panorama.Equirect}'s (OmniFusion's) convention:
     * endpoints, column c at λ = −π + 2π·c/(W−1) (the first and last columns are the same meridian),
     * row r at elevation π/2 − π·r/(H−1) (row 0 looks straight up). The panorama pipeline reads ERP
     * maps this way, so its ground truth must be rendered so too.
     */
    public RoomRender renderEndpoints(int imageWidth, int imageHeight) {
        if (imageWidth < 2 || imageHeight < 2) {
            throw new IllegalArgumentException("an endpoint render needs at least 2×2 pixels, got "
                    + imageWidth + "×" + imageHeight);
        }
        return render(imageWidth, imageHeight, true);
    }

    private RoomRender render(int imageWidth, int imageHeight, boolean endpoints) {
        checkSize(imageWidth, imageHeight);
        int[] rgb = new int[imageWidth * imageHeight];
        float[] depthMap = new float[rgb.length];
        IntStream.range(0, imageHeight).parallel().forEach(row -> {
            int[] surface = new int[1];
            double phi = endpoints ? Math.PI / 2 - Math.PI * row / (imageHeight - 1) : elevation(row, imageHeight);
            double dPhi = Math.PI / (endpoints ? imageHeight - 1 : imageHeight);
            double dLambda = 2 * Math.PI / (endpoints ? imageWidth - 1 : imageWidth);
            double cosPhi = Math.cos(phi), sinPhi = Math.sin(phi);
            for (int col = 0; col < imageWidth; col++) {
                double lambda = endpoints ? -Math.PI + 2 * Math.PI * col / (imageWidth - 1)
                        : longitude(col, imageWidth);
                double dx = cosPhi * Math.sin(lambda), dy = cosPhi * Math.cos(lambda), dz = sinPhi;
                double t = trace(dx, dy, dz, surface);
                int i = row * imageWidth + col;
                depthMap[i] = (float) t; // depth is exact along the pixel's own ray
                rgb[i] = shadeSupersampled(lambda, phi, dLambda, dPhi, surface);
            }
        });
        return new RoomRender(new RgbImage(imageWidth, imageHeight, rgb), depthMap);
    }

    /**
     * The pixel's colour as the mean of a 2×2 grid of rays a quarter pixel off its centre, so edges and
     * textures are anti-aliased like a camera's picture (the depth stays the centre ray's).
     */
    private int shadeSupersampled(double lambda, double phi, double dLambda, double dPhi, int[] surface) {
        int r = 0, g = 0, b = 0;
        for (int sy = -1; sy <= 1; sy += 2) {
            double p = phi + sy * dPhi / 4;
            double cosP = Math.cos(p), sinP = Math.sin(p);
            for (int sx = -1; sx <= 1; sx += 2) {
                double l = lambda + sx * dLambda / 4;
                double dx = cosP * Math.sin(l), dy = cosP * Math.cos(l), dz = sinP;
                double t = trace(dx, dy, dz, surface);
                int c = shade(surface[0], camX + t * dx, camY + t * dy, camZ + t * dz);
                r += c >> 16 & 0xFF;
                g += c >> 8 & 0xFF;
                b += c & 0xFF;
            }
        }
        return (r + 2) / 4 << 16 | (g + 2) / 4 << 8 | (b + 2) / 4;
    }

    /**
     * A pinhole render with planar depth (distance along the optical axis, as perspective depth models
     * and datasets use): radial depth × cos(angle between the ray and the axis).
     *
     * @param fovDegrees horizontal field of view, in (0, 180); square pixels
     * @param yawDegrees axis longitude (0 = north, +90 = east, as in the panorama)
     * @param pitchDegrees axis elevation, −90 (floor) .. +90 (ceiling)
     */
    public RoomRender renderPerspective(int imageWidth, int imageHeight, double fovDegrees, double yawDegrees,
            double pitchDegrees) {
        checkSize(imageWidth, imageHeight);
        if (!(fovDegrees > 0 && fovDegrees < 180) || !(Math.abs(pitchDegrees) <= 90) || !Double.isFinite(yawDegrees)) {
            throw new IllegalArgumentException("fov " + fovDegrees + "° must be in (0, 180), pitch " + pitchDegrees
                    + "° within ±90, yaw " + yawDegrees + "° finite");
        }
        double yaw = Math.toRadians(yawDegrees), pitch = Math.toRadians(pitchDegrees);
        double[] fwd = direction(yaw, pitch);
        double[] right = {Math.cos(yaw), -Math.sin(yaw), 0}; // horizontal, 90° east of the axis
        double[] up = { // right × forward... written out: forward rotated up by 90° in its vertical plane
            -Math.sin(pitch) * Math.sin(yaw), -Math.sin(pitch) * Math.cos(yaw), Math.cos(pitch)};
        double half = Math.tan(Math.toRadians(fovDegrees) / 2);
        double pixel = 2 * half / imageWidth; // tangent-plane size of one pixel
        int[] rgb = new int[imageWidth * imageHeight];
        float[] depthMap = new float[rgb.length];
        IntStream.range(0, imageHeight).parallel().forEach(row -> {
            int[] surface = new int[1];
            double v = (imageHeight / 2.0 - (row + 0.5)) * pixel;
            for (int col = 0; col < imageWidth; col++) {
                double u = ((col + 0.5) - imageWidth / 2.0) * pixel;
                double rx = fwd[0] + u * right[0] + v * up[0];
                double ry = fwd[1] + u * right[1] + v * up[1];
                double rz = fwd[2] + u * right[2] + v * up[2];
                double len = Math.sqrt(rx * rx + ry * ry + rz * rz); // = 1 / cos(angle to the axis)
                double dx = rx / len, dy = ry / len, dz = rz / len;
                double t = trace(dx, dy, dz, surface);
                int i = row * imageWidth + col;
                depthMap[i] = (float) (t / len);
                rgb[i] = shade(surface[0], camX + t * dx, camY + t * dy, camZ + t * dz);
            }
        });
        return new RoomRender(new RgbImage(imageWidth, imageHeight, rgb), depthMap);
    }

    /**
     * Writes {@code room-<seed>.png} and {@code room-<seed>.npy} (radial depth, float32 [H, W]) for a
     * random room. Arguments: output folder, seed (default 1), width (default 1024; height = width / 2).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SyntheticRoom <out-dir> [seed] [width]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int w = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        random(seed).render(w, w / 2).save(dir.resolve("room-" + seed + ".png"), dir.resolve("room-" + seed + ".npy"));
    }

    // ---- ray casting ----

    // surface codes: 0 floor, 1 ceiling, 2..5 walls west/east/south/north, BOX + 6·i + face, CYL + i, SPH + i
    private static final int FLOOR = 0, CEILING = 1, WALL = 2, BOX = 16, CYL = 1 << 20, SPH = 1 << 21;

    /** Distance along the unit ray to the nearest surface; its code goes to {@code surface[0]}. */
    private double trace(double dx, double dy, double dz, int[] surface) {
        double best = Double.POSITIVE_INFINITY;
        int code = -1;
        // the room's inside: on each axis the ray leaves through the wall it heads for
        if (dx != 0) {
            double t = dx > 0 ? (width - camX) / dx : -camX / dx;
            if (t < best) {
                best = t;
                code = dx > 0 ? WALL + 1 : WALL;
            }
        }
        if (dy != 0) {
            double t = dy > 0 ? (depth - camY) / dy : -camY / dy;
            if (t < best) {
                best = t;
                code = dy > 0 ? WALL + 3 : WALL + 2;
            }
        }
        if (dz != 0) {
            double t = dz > 0 ? (height - camZ) / dz : -camZ / dz;
            if (t < best) {
                best = t;
                code = dz > 0 ? CEILING : FLOOR;
            }
        }
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            // slab method: the camera is outside every box, so the entry distance is the hit
            double tNear = Double.NEGATIVE_INFINITY, tFar = Double.POSITIVE_INFINITY;
            int face = -1;
            double[] lo = {b.x0 - camX, b.y0 - camY, b.z0 - camZ}, hi = {b.x1 - camX, b.y1 - camY, b.z1 - camZ};
            double[] d = {dx, dy, dz};
            boolean miss = false;
            for (int a = 0; a < 3 && !miss; a++) {
                if (d[a] == 0) {
                    miss = lo[a] > 0 || hi[a] < 0;
                    continue;
                }
                double t1 = lo[a] / d[a], t2 = hi[a] / d[a];
                int f = 2 * a + (d[a] > 0 ? 0 : 1); // entering through the low face when moving up the axis
                if (t1 > t2) {
                    double s = t1;
                    t1 = t2;
                    t2 = s;
                }
                if (t1 > tNear) {
                    tNear = t1;
                    face = f;
                }
                tFar = Math.min(tFar, t2);
                miss = tNear > tFar;
            }
            if (!miss && tNear > 0 && tNear < best) {
                best = tNear;
                code = BOX + 6 * i + face;
            }
        }
        for (int i = 0; i < cylinders.size(); i++) {
            Cylinder c = cylinders.get(i);
            double ox = camX - c.cx, oy = camY - c.cy;
            double a = dx * dx + dy * dy;
            double t = Double.POSITIVE_INFINITY;
            if (a > 0) { // the side: |o + t·d|² = r² in the plane
                double bb = ox * dx + oy * dy, cc = ox * ox + oy * oy - c.r * c.r;
                double disc = bb * bb - a * cc;
                if (disc >= 0) {
                    double ts = (-bb - Math.sqrt(disc)) / a;
                    double z = camZ + ts * dz;
                    if (ts > 0 && z >= c.z0 && z <= c.z1) {
                        t = ts;
                    }
                }
            }
            if (dz < 0 && camZ > c.z1) { // the top cap, seen from above
                double tc = (c.z1 - camZ) / dz;
                double px = ox + tc * dx, py = oy + tc * dy;
                if (px * px + py * py <= c.r * c.r) {
                    t = Math.min(t, tc);
                }
            }
            if (t < best) {
                best = t;
                code = CYL + i;
            }
        }
        for (int i = 0; i < spheres.size(); i++) {
            Sphere s = spheres.get(i);
            double ox = camX - s.cx, oy = camY - s.cy, oz = camZ - s.cz;
            double bb = ox * dx + oy * dy + oz * dz, cc = ox * ox + oy * oy + oz * oz - s.r * s.r;
            double disc = bb * bb - cc;
            if (disc >= 0) {
                double t = -bb - Math.sqrt(disc);
                if (t > 0 && t < best) {
                    best = t;
                    code = SPH + i;
                }
            }
        }
        surface[0] = code;
        return best;
    }

    // ---- colours: simple procedural textures so a depth model sees edges and structure ----

    private static final double LX = 0.35, LY = -0.45, LZ = 0.82; // a light from above, roughly unit

    private int shade(int code, double x, double y, double z) {
        if (code == FLOOR) {
            boolean dark = ((int) Math.floor(x / 0.5) + (int) Math.floor(y / 0.5) & 1) == 0;
            return dark ? floorA : floorB;
        }
        if (code == CEILING) {
            boolean lamp = Math.abs(x - width / 2) < 0.3 && Math.abs(y - depth / 2) < 0.3;
            return lamp ? 0xFFFBEA : 0xE6E6E2;
        }
        if (code < BOX) {
            int wall = code - WALL;
            double u = wall < 2 ? y : x;
            for (Opening o : openings) {
                if (o.wall == wall && u >= o.u0 && u <= o.u1 && z >= o.z0 && z <= o.z1) {
                    return o.window ? window(u - o.u0, o.u1 - o.u0, z - o.z0, o.z1 - o.z0) : door(u - o.u0, z);
                }
            }
            if (z < 0.08) {
                return 0xF4F4F0; // skirting board
            }
            return tint(wallColours[wall], 0.72 + 0.28 * z / height); // soft gradient, darker near the floor
        }
        double nx, ny, nz;
        int colour;
        if (code < CYL) {
            int i = (code - BOX) / 6, face = (code - BOX) % 6;
            colour = boxes.get(i).colour;
            nx = face == 0 ? -1 : face == 1 ? 1 : 0;
            ny = face == 2 ? -1 : face == 3 ? 1 : 0;
            nz = face == 4 ? -1 : face == 5 ? 1 : 0;
        } else if (code < SPH) {
            Cylinder c = cylinders.get(code - CYL);
            colour = c.colour;
            if (z >= c.z1 - 1e-9) {
                nx = 0;
                ny = 0;
                nz = 1;
            } else {
                nx = (x - c.cx) / c.r;
                ny = (y - c.cy) / c.r;
                nz = 0;
            }
        } else {
            Sphere s = spheres.get(code - SPH);
            colour = s.colour;
            nx = (x - s.cx) / s.r;
            ny = (y - s.cy) / s.r;
            nz = (z - s.cz) / s.r;
        }
        double lambert = Math.max(0, nx * LX + ny * LY + nz * LZ);
        return tint(colour, 0.5 + 0.5 * lambert);
    }

    /** Sky, brighter towards the horizon, behind a frame and a cross of mullions. */
    private static int window(double u, double len, double v, double tall) {
        double frame = 0.05;
        if (u < frame || u > len - frame || v < frame || v > tall - frame
                || Math.abs(u - len / 2) < frame / 2 || Math.abs(v - tall / 2) < frame / 2) {
            return 0xF7F7F7;
        }
        double k = v / tall;
        return rgb(0.55 + 0.25 * (1 - k), 0.75 + 0.15 * (1 - k), 0.97);
    }

    private static int door(double u, double z) {
        boolean handle = Math.abs(u - 0.78) < 0.04 && Math.abs(z - 1.0) < 0.04;
        boolean panel = (u > 0.12 && u < 0.78 && (z > 0.15 && z < 0.9 || z > 1.1 && z < 1.9));
        return handle ? 0xC9B037 : panel ? 0x6B4426 : 0x7E5230;
    }

    private static void checkSize(int w, int h) {
        if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
            throw new IllegalArgumentException("image size " + w + "×" + h + " must be positive and at most "
                    + MAX_PIXELS + " pixels");
        }
    }

    private static double wallLength(int wall, double w, double d) {
        return wall < 2 ? d : w;
    }

    private static double[] tableFootprint(Rng rng, double w, double d) {
        double sx = rng.range(0.6, 1.6), sy = rng.range(0.6, 1.0);
        double x = rng.range(0.1, w - sx - 0.1), y = rng.range(0.1, d - sy - 0.1);
        return new double[] {x, y, x + sx, y + sy};
    }

    /** Cabinets stand against a wall. */
    private static double[] cabinetFootprint(Rng rng, double w, double d) {
        double len = rng.range(0.6, 1.5), deep = rng.range(0.4, 0.6);
        int wall = rng.nextInt(4);
        double along = rng.range(0.05, (wall < 2 ? d : w) - len - 0.05);
        return switch (wall) {
            case 0 -> new double[] {0.02, along, 0.02 + deep, along + len};
            case 1 -> new double[] {w - 0.02 - deep, along, w - 0.02, along + len};
            case 2 -> new double[] {along, 0.02, along + len, 0.02 + deep};
            default -> new double[] {along, d - 0.02 - deep, along + len, d - 0.02};
        };
    }

    private static boolean overlapsAny(double[] f, List<double[]> others) {
        for (double[] o : others) {
            if (f[0] < o[2] + 0.1 && o[0] < f[2] + 0.1 && f[1] < o[3] + 0.1 && o[1] < f[3] + 0.1) {
                return true;
            }
        }
        return false;
    }

    private static int pick(Rng rng, int... options) {
        return options[rng.nextInt(options.length)];
    }

    private static int tint(int rgb, double k) {
        return rgb(((rgb >> 16) & 0xFF) * k / 255, ((rgb >> 8) & 0xFF) * k / 255, (rgb & 0xFF) * k / 255);
    }

    private static int rgb(double r, double g, double b) {
        return (channel(r) << 16) | (channel(g) << 8) | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
