package org.attentionworkbench.compute.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * Point-cloud reading speed against the peers in the same run: PCL 1.13's readers (C++,
 * {@code tools/bench/pointcloud/pcl_read.cpp}), Open3D 0.16 (Debian python3-open3d) and laspy 2.5 (LAS;
 * PDAL is in no Debian release). Peers are installed by {@code tools/bench/pointcloud/setup-peers.sh};
 * a missing peer is reported as missing, never guessed.
 *
 * <p>One synthetic cloud (terrain with RGB and intensity, seeded) is written as binary PLY (our
 * writer), PCD binary_compressed (PCL's own writer, so PCL reads its own files) and LAS 1.2 PDRF 2 (our
 * writer). Each reader reads each file {@code repeats} times after one warm-up read; the best time counts.
 * Not a test: {@code ./workbench bench pointcloud [--points N] [--repeats R] [--dir DIR] [--peers DIR]}.
 */
public final class PointCloudReadBench {
    private PointCloudReadBench() {}

    /** One measured cell: million points per second of the best read. */
    public record Result(String file, String reader, long points, double seconds) {
        public double mpps() {
            return points / seconds / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int points = 3_000_000;
        int repeats = 5;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "workbench-pcbench");
        Path peers = Path.of("/opt/peers");
        Path tools = Path.of("tools", "bench", "pointcloud");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--points" -> points = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--peers" -> peers = Path.of(args[++i]);
                case "--tools" -> tools = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --points N --repeats R --dir DIR --peers DIR --tools DIR)");
            }
        }
        Files.createDirectories(dir);
        PointCloud cloud = synthetic(points, 14);
        Path ply = dir.resolve("bench.ply");
        Path pcdBinary = dir.resolve("bench-binary.pcd");
        Path pcd = dir.resolve("bench.pcd");
        Path las = dir.resolve("bench.las");
        PointClouds.write(cloud, ply);
        PointClouds.write(cloud, pcdBinary);
        PointClouds.write(cloud, las);
        Path pclRead = peers.resolve("pcl_read");
        boolean havePcl = Files.isExecutable(pclRead);
        if (havePcl) {
            run(List.of(pclRead.toString(), "--compress", pcdBinary.toString(), pcd.toString()));
        } else {
            System.out.println("PCL peer missing (" + pclRead + "): PCD read from our binary file, no PCL figures");
            pcd = pcdBinary;
        }
        System.out.printf(Locale.ROOT, "%d points; files in %s; best of %d reads after one warm-up; %d cores%n",
                points, dir, repeats, Runtime.getRuntime().availableProcessors());

        List<Result> results = new ArrayList<>();
        for (Path f : List.of(ply, pcd, las)) {
            results.add(ours(f, repeats));
        }
        if (havePcl) {
            results.add(peer(ply, "PCL 1.13", List.of(pclRead.toString(), ply.toString(), "" + repeats)));
            results.add(peer(pcd, "PCL 1.13", List.of(pclRead.toString(), pcd.toString(), "" + repeats)));
        }
        Path open3d = tools.resolve("open3d_read.py");
        if (PeerPython.findPython("open3d") != null) {
            String py = PeerPython.findPython("open3d");
            results.add(peer(ply, "Open3D", List.of(py, open3d.toString(), ply.toString(), "" + repeats)));
            results.add(peer(pcd, "Open3D", List.of(py, open3d.toString(), pcd.toString(), "" + repeats)));
        } else {
            System.out.println("Open3D peer missing (python3-open3d)");
        }
        Path chroot = peers.resolve("trixie");
        if (Files.isDirectory(chroot.resolve("usr"))) {
            // laspy lives in a Debian 13 chroot: the file and the script go into its /tmp
            Path inside = chroot.resolve("tmp/pcbench");
            Files.createDirectories(inside);
            Files.copy(las, inside.resolve("bench.las"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(tools.resolve("laspy_read.py"), inside.resolve("laspy_read.py"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            results.add(peer(las, "laspy 2.5", List.of("chroot", chroot.toString(), "python3",
                    "/tmp/pcbench/laspy_read.py", "/tmp/pcbench/bench.las", "" + repeats)));
        } else {
            System.out.println("laspy peer missing (" + chroot + ")");
        }
        print(results);
    }

    /** A wavy terrain with RGB and intensity, as a survey scan would have (seeded, so every run reads the same). */
    public static PointCloud synthetic(int n, long seed) {
        Random rnd = new Random(seed);
        float[] xyz = new float[3 * n];
        byte[] rgb = new byte[3 * n];
        float[] intensity = new float[n];
        for (int i = 0; i < n; i++) {
            float x = rnd.nextFloat() * 500;
            float y = rnd.nextFloat() * 500;
            float z = (float) (20 * Math.sin(x / 40) * Math.cos(y / 55) + rnd.nextGaussian() * 0.05);
            xyz[3 * i] = x;
            xyz[3 * i + 1] = y;
            xyz[3 * i + 2] = z;
            rgb[3 * i] = (byte) (60 + z * 4);
            rgb[3 * i + 1] = (byte) (120 + rnd.nextInt(60));
            rgb[3 * i + 2] = (byte) (40 + rnd.nextInt(30));
            intensity[i] = rnd.nextInt(4096);
        }
        return new PointCloud(new double[] {500_000, 4_100_000, 100}, xyz, rgb, null,
                List.of(new ScalarField("intensity", intensity, 0, false)), null);
    }

    private static Result ours(Path file, int repeats) throws IOException {
        PointCloud warm = PointClouds.read(file);
        long points = warm.size();
        warm = null;
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            PointCloud c = PointClouds.read(file);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            points = c.size();
        }
        return new Result(file.getFileName().toString(), "ours", points, best);
    }

    private static Result peer(Path file, String name, List<String> command) throws Exception {
        List<String> out = run(command);
        for (String line : out) {
            String[] w = line.trim().split("\\s+");
            if (w.length == 4 && w[0].equals("points") && w[2].equals("best_s")) {
                return new Result(file.getFileName().toString(), name, Long.parseLong(w[1]), Double.parseDouble(w[3]));
            }
        }
        throw new IOException(name + " printed no timing: " + String.join("\n", out));
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + text);
        }
        return text.lines().toList();
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.println("| file | reader | points | best s | M points/s | ours ÷ reader |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (Result r : results) {
            Result ours = results.stream().filter(o -> o.file().equals(r.file()) && o.reader().equals("ours"))
                    .findFirst().orElseThrow();
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.1f | %s |%n", r.file(), r.reader(), r.points(),
                    r.seconds(), r.mpps(), r == ours ? "" : String.format(Locale.ROOT, "%.2f×", ours.mpps() / r.mpps()));
        }
    }
}
