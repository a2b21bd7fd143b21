package org.attentionworkbench.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.attentionworkbench.app.bench.PointCloudDrawBench;
import org.attentionworkbench.compute.anomaly.AnomalyBench;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.attentionworkbench.compute.bench.GemmBench;
import org.attentionworkbench.compute.bench.PointCloudReadBench;
import org.attentionworkbench.compute.zoo.kernels.KernelBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code workbench bench gemm|anomaly ...}: throughput benchmarks with the peer in the same run.
 * {@code bench vit} lives in the bench module (ONNX Runtime stays out of the app); the ./workbench
 * launcher starts it, and it is listed here so that help and completion know it.
 */
@Command(name = "bench", description = {"Speed benchmarks: gemm, vit, depth, anomaly.",
        "Each with the peer (numpy, PyTorch, ONNX Runtime) measured in the same run; see BENCHMARKS.md."},
        subcommands = {BenchCommand.Gemm.class, BenchCommand.Anomaly.class, BenchCommand.Vit.class,
            BenchCommand.Depth.class,
            BenchCommand.PointCloudRead.class, BenchCommand.PointCloudDraw.class, BenchCommand.ZooKernels.class,
            BenchCommand.Zoo.class})
public final class BenchCommand {

    @Command(name = "gemm", description = "SGEMM GFLOP/s of every backend at square sizes, vs numpy/OpenBLAS.")
    static final class Gemm extends CliCommand {
        @Option(names = "--sizes", paramLabel = "N", split = ",", defaultValue = "256,1024,2048",
                description = "Matrix sizes (n×n times n×n).")
        private int[] sizes;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "1.5",
                description = "Time spent per size and backend.")
        private double seconds;

        @Override
        protected int run(CliContext context) throws Exception {
            GemmBench.main(new String[] {"--sizes", join(sizes), "--seconds", Double.toString(seconds)});
            return 0;
        }
    }

    @Command(name = "anomaly", description = "Milliseconds per image of the anomaly scoring core (MobileNetV2 + one "
            + "prompt), features and scoring + map, on each backend and in PyTorch in the same run.")
    static final class Anomaly extends CliCommand {
        @Option(names = "--size", paramLabel = "PX", defaultValue = "" + InspectionRequest.Options.DEFAULT_INPUT_SIZE,
                description = "Side the images are squashed to (the CLI's default).")
        private int size;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "15",
                description = "Timed runs per scorer (after the warm-up runs).")
        private int runs;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
                description = "Untimed warm-up runs per scorer (ours and PyTorch alike; ours warms every "
                        + "scorer before timing any).")
        private int warmup;

        @Option(names = "--scorers", paramLabel = "LIST", split = ",", defaultValue = "reconstruction,knn3",
                description = "One-prompt scorers to measure: reconstruction (softmax, τ = 0.05), knn (k = 1), knn3 "
                        + "(k = 3, the CLI's default scorer).")
        private List<String> scorers;

        @Option(names = "--no-peer", description = "Skip the PyTorch peer (tools/anomaly/bench_anomaly_torch.py).")
        private boolean noPeer;

        @Option(names = "--devices", paramLabel = "SEL", split = ",", defaultValue = "java,opencl",
                description = "Device selectors to measure.")
        private List<String> devices;

        @Option(names = "--shared", paramLabel = "DIR", description = "The shared data folder with the MobileNetV2 "
                + "weights and the hazelnut images (default: ../shared beside the installation).")
        private Path shared;

        @Override
        protected int run(CliContext context) throws Exception {
            List<String> args = new ArrayList<>(List.of("--size", Integer.toString(size), "--runs",
                    Integer.toString(runs), "--warmup", Integer.toString(warmup), "--devices", String.join(",", devices),
                    "--scorers", String.join(",", scorers), "--peer", Boolean.toString(!noPeer)));
            if (shared != null) {
                args.addAll(List.of("--shared", shared.toString()));
            }
            AnomalyBench.main(args.toArray(String[]::new));
            return 0;
        }
    }

    @Command(name = "vit", description = {"ViT-S/B forward time vs PyTorch and ONNX Runtime (the bench module).",
            "Started by the launcher: ./workbench bench vit [--model s16|b16|all] [--batch 1,8] [--runs N] "
                    + "[--warmup N] [--devices all|java|opencl]"})
    static final class Vit extends CliCommand {
        @Unmatched
        private List<String> ignored;

        @Override
        protected int run(CliContext context) throws UsageException {
            throw new UsageException("bench vit runs in the bench module: start it as './workbench bench vit ...' "
                    + "from a source checkout, with 'bench vit' as the first words");
        }
    }

    @Command(name = "depth", description = {"Depth Anything V2 Small (random weights): one 518² forward vs PyTorch "
            + "(the bench module).", "Started by the launcher: ./workbench bench depth [--runs N] [--warmup N] "
            + "[--devices all|java|opencl]"})
    static final class Depth extends CliCommand {
        @Unmatched
        private List<String> ignored;

        @Override
        protected int run(CliContext context) throws UsageException {
            throw new UsageException("bench depth runs in the bench module: start it as './workbench bench depth ...' "
                    + "from a source checkout, with 'bench depth' as the first words");
        }
    }

    @Command(name = "pointcloud", description = {"Point-cloud reading speed (PLY, PCD binary_compressed, LAS) vs PCL, "
            + "Open3D and laspy in the same run.", "Peers: tools/bench/pointcloud/setup-peers.sh (root)."})
    static final class PointCloudRead extends CliCommand {
        @Option(names = "--points", paramLabel = "N", defaultValue = "3000000", description = "Points in the test cloud.")
        private int points;

        @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "Timed reads per file and reader.")
        private int repeats;

        @Option(names = "--peers", paramLabel = "DIR", defaultValue = "/opt/peers",
                description = "Where setup-peers.sh put pcl_read and the Debian 13 chroot with laspy.")
        private Path peers;

        @Override
        protected int run(CliContext context) throws Exception {
            PointCloudReadBench.main(new String[] {"--points", Integer.toString(points), "--repeats",
                Integer.toString(repeats), "--peers", peers.toString()});
            return 0;
        }
    }

    @Command(name = "pointcloud-draw", description = "Frame time of the Java and OpenGL point renderers at 1280x720 "
            + "(100k, 1M, 10M points; the last through the LOD octree), EDL off and on; pick lookup time.")
    static final class PointCloudDraw extends CliCommand {
        @Option(names = "--sizes", paramLabel = "N", split = ",", defaultValue = "100000,1000000,10000000",
                description = "Cloud sizes.")
        private int[] sizes;

        @Option(names = "--frames", paramLabel = "N", defaultValue = "15", description = "Timed frames per case.")
        private int frames;

        @Option(names = "--renderers", paramLabel = "LIST", defaultValue = "java,gl", description = "java, gl or both.")
        private String renderers;

        @Override
        protected int run(CliContext context) throws Exception {
            PointCloudDrawBench.main(new String[] {"--sizes", join(sizes), "--frames", Integer.toString(frames),
                "--renderers", renderers});
            return 0;
        }
    }

    @Command(name = "zoo-kernels", description = {"FlashSigmoid vs fused softmax on each backend, Lean Attention vs "
            + "fixed split vs no split (decode, up to 1M keys), and the bytes our tiled attention moves vs N²d²/M.",
            "Writes figures.json, CSVs and PNGs into --out."})
    static final class ZooKernels extends CliCommand {
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the figures.")
        private Path out;

        @Option(names = "--n", paramLabel = "N", split = ",", defaultValue = "256,512,1024,2048",
                description = "Self-attention sizes for sigmoid vs softmax.")
        private int[] n;

        @Option(names = "--lean-n", paramLabel = "N", split = ",", defaultValue = "4096,65536,1048576",
                description = "Decode cache sizes (keys).")
        private int[] leanN;

        @Option(names = "--runs", paramLabel = "R", defaultValue = "5", description = "Timed runs per case.")
        private int runs;

        @Option(names = "--no-opencl", description = "Measure the Java backend only.")
        private boolean noOpencl;

        @Override
        protected int run(CliContext context) throws Exception {
            KernelBench.Options d = KernelBench.Options.quick(), options;
            try {
                options = new KernelBench.Options(n, d.dh(), d.heads(), leanN, d.leanDh(), d.leanHeads(), runs, !noOpencl);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            org.attentionworkbench.compute.figure.FigureSet set = KernelBench.run(options, context.out());
            org.attentionworkbench.compute.figure.FigureFiles.write(set, out);
            org.attentionworkbench.app.figures.FigurePng.write(set, out);
            context.out().println("figures: " + out);
            return 0;
        }
    }

    private static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
    @Command(name = "zoo", description = {"Cost of every zoo mechanism's forward as N grows (Java references; softmax "
            + "also through the engine on Java and OpenCL): time, FLOPs, bytes, memory, log-log fits.",
            "Writes figures.json, CSVs and PNGs into --out."})
    static final class Zoo extends CliCommand {
        @Option(names = "--sizes", paramLabel = "N", split = ",",
                defaultValue = "128,256,512,1024,2048,4096,8192,16384", description = "Token counts.")
        private int[] sizes;

        @Option(names = "--d", paramLabel = "D", defaultValue = "64", description = "Channels (head width).")
        private int d;

        @Option(names = "--mechanism", paramLabel = "LIST", split = ",", defaultValue = "all",
                description = "Mechanism ids, or all.")
        private List<String> mechanisms;

        @Option(names = "--devices", paramLabel = "SEL", split = ",", defaultValue = "java,opencl",
                description = "Backends for softmax through the engine's fused attention.")
        private List<String> devices;

        @Option(names = "--budget-seconds", paramLabel = "S", defaultValue = "2",
                description = "Skip a point whose predicted forward time exceeds this.")
        private double budget;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs per point (median).")
        private int runs;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
        private Path out;

        @Override
        protected int run(CliContext context) throws Exception {
            org.attentionworkbench.compute.zoo.cost.ZooCostBench.Options o;
            try {
                o = new org.attentionworkbench.compute.zoo.cost.ZooCostBench.Options(sizes, d, budget,
                        Runtime.getRuntime().maxMemory() / 4, runs, mechanisms, devices, 7);
                org.attentionworkbench.compute.zoo.mechanisms.Mechanisms.byIds(mechanisms);
            } catch (IllegalArgumentException e) {
                throw new UsageException("bench zoo: " + e.getMessage());
            }
            var r = org.attentionworkbench.compute.zoo.cost.ZooCostBench.run(o, context.out());
            org.attentionworkbench.compute.figure.FigureFiles.write(r.figures(), out);
            org.attentionworkbench.app.figures.FigurePng.write(r.figures(), out);
            context.out().print(org.attentionworkbench.compute.zoo.cost.ZooCostBench.table(r, o.sizes()));
            context.out().println("figures: " + out);
            return 0;
        }
    }
}
