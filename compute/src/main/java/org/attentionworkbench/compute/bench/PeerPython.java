package org.attentionworkbench.compute.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer measurement in Debian's python3 (numpy / PyTorch) in the same benchmark run, so that
 * our figures always come with the peer's as a ratio. Uses the OpenMP OpenBLAS build when present:
 * Debian's default can fall back to the reference BLAS (~2 GFLOP/s), which would flatter us.
 */
public final class PeerPython {
    private static final Path OPENBLAS_OPENMP = Path.of("/usr/lib/x86_64-linux-gnu/openblas-openmp");

    private PeerPython() {}

    /** A python3 that can import the module, preferring the system one over pyenv shims. */
    public static String findPython(String module) {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Describes the BLAS the peer uses, for the report. */
    public static String blasNote() {
        return Files.isDirectory(OPENBLAS_OPENMP) ? "OpenBLAS (OpenMP build, " + OPENBLAS_OPENMP + ")"
                : "default BLAS (libopenblas0-openmp not installed: numbers may be from a slow reference BLAS)";
    }

    /**
     * Starts {@code python argv...} with the same environment as {@link #run} (BLAS, thread count), stdin
     * and stdout piped for a request/reply exchange, stderr merged into stdout.
     */
    public static Process start(String python, List<String> argv, int threads) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        environment(pb.environment(), threads);
        return pb.start();
    }

    private static void environment(Map<String, String> env, int threads) {
        if (Files.isDirectory(OPENBLAS_OPENMP)) {
            String old = env.getOrDefault("LD_LIBRARY_PATH", "");
            env.put("LD_LIBRARY_PATH", OPENBLAS_OPENMP + (old.isEmpty() ? "" : ":" + old));
        }
        String t = Integer.toString(threads);
        env.put("OMP_NUM_THREADS", t);
        env.put("OPENBLAS_NUM_THREADS", t);
    }

    /** Runs a script with the given thread count; returns its stdout lines, or throws with its output. */
    public static List<String> run(String python, String script, int threads) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(python, "-c", script).redirectErrorStream(true);
        environment(pb.environment(), threads);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("peer script failed:\n" + out);
        }
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.trim());
            }
        }
        return lines;
    }
}
