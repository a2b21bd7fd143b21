package org.attentionworkbench.app.cli;

import java.util.List;
import org.attentionworkbench.compute.anomaly.AnomalyBench;
import org.attentionworkbench.compute.bench.GemmBench;

/** {@code workbench bench gemm [--sizes ...] [--seconds S]}: throughput benchmarks with the peer in the same run. */
public final class BenchCommand implements Subcommand {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String help() {
        return "gemm [--sizes 256,1024,2048] [--seconds S]: SGEMM GFLOP/s per backend vs numpy/OpenBLAS;\n"
                + "                 anomaly [--size 256] [--runs 15]: ms per image, MobileNetV2 + one prompt, per backend";
    }

    @Override
    public int run(List<String> args, CliContext context) throws Exception {
        String[] rest = args.isEmpty() ? new String[0] : args.subList(1, args.size()).toArray(String[]::new);
        switch (args.isEmpty() ? "" : args.get(0)) {
            case "gemm" -> GemmBench.main(rest);
            case "anomaly" -> AnomalyBench.main(rest);
            default -> throw new UsageException("bench needs a benchmark name: gemm or anomaly");
        }
        return 0;
    }
}
