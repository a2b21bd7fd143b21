package org.attentionworkbench.app.cli;

import java.util.List;
import org.attentionworkbench.compute.bench.GemmBench;

/** {@code workbench bench gemm [--sizes ...] [--seconds S]}: throughput benchmarks with the peer in the same run. */
public final class BenchCommand implements Subcommand {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String help() {
        return "gemm [--sizes 256,1024,2048] [--seconds S]: SGEMM GFLOP/s per backend vs numpy/OpenBLAS";
    }

    @Override
    public int run(List<String> args, CliContext context) throws Exception {
        if (args.isEmpty() || !args.get(0).equals("gemm")) {
            throw new UsageException("bench needs a benchmark name: gemm");
        }
        GemmBench.main(args.subList(1, args.size()).toArray(String[]::new));
        return 0;
    }
}
