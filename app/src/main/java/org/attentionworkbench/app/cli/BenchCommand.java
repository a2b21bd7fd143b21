package org.attentionworkbench.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.attentionworkbench.compute.anomaly.AnomalyBench;
import org.attentionworkbench.compute.bench.GemmBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code workbench bench gemm|anomaly ...}: throughput benchmarks with the peer in the same run.
 * {@code bench vit} lives in the bench module (ONNX Runtime stays out of the app); the ./workbench
 * launcher starts it, and it is listed here so that help and completion know it.
 */
@Command(name = "bench", description = {"Speed benchmarks: gemm, vit, anomaly.",
        "Each with the peer (numpy, PyTorch, ONNX Runtime) measured in the same run; see BENCHMARKS.md."},
        subcommands = {BenchCommand.Gemm.class, BenchCommand.Anomaly.class, BenchCommand.Vit.class})
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
            + "prompt) on each backend.")
    static final class Anomaly extends CliCommand {
        @Option(names = "--size", paramLabel = "PX", defaultValue = "256",
                description = "Side the images are squashed to.")
        private int size;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "15",
                description = "Timed runs (after 3 warm-up runs).")
        private int runs;

        @Option(names = "--devices", paramLabel = "SEL", split = ",", defaultValue = "java,opencl",
                description = "Device selectors to measure.")
        private List<String> devices;

        @Option(names = "--shared", paramLabel = "DIR", description = "The shared data folder with the MobileNetV2 "
                + "weights and the hazelnut images (default: ../shared beside the installation).")
        private Path shared;

        @Override
        protected int run(CliContext context) throws Exception {
            List<String> args = new ArrayList<>(List.of("--size", Integer.toString(size), "--runs",
                    Integer.toString(runs), "--devices", String.join(",", devices)));
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

    private static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
