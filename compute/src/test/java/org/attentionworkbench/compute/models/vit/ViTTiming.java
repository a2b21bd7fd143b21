package org.attentionworkbench.compute.models.vit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Not a test: standalone ViT forward timing on the Java backend, no other runtime in the JVM.
 * {@code java ... ViTTiming WEIGHTS.safetensors [heads] [runs] [profile]}; with "profile" every
 * device call is timed through a proxy and the per-op totals of one forward are printed.
 */
public final class ViTTiming {
    public static void main(String[] args) throws Exception {
        Path weights = Path.of(args[0]);
        int heads = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        boolean profile = args.length > 3 && args[3].equals("profile");
        Map<String, long[]> ops = new TreeMap<>();
        Device backend = new JavaDevice();
        Device d = !profile ? backend : (Device) Proxy.newProxyInstance(Device.class.getClassLoader(),
                new Class<?>[] {Device.class}, (proxy, m, a) -> {
                    long t0 = System.nanoTime();
                    try {
                        return m.invoke(backend, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        long[] acc = ops.computeIfAbsent(m.getName(), k -> new long[2]);
                        acc[0] += System.nanoTime() - t0;
                        acc[1]++;
                    }
                });
        try (Checkpoint ckpt = Checkpoints.open(weights)) {
            ViT vit = new ViT(d, ViTLoader.load(ckpt, ViTOptions.defaults().withHeads(heads)));
            float[] px = new float[3 * 224 * 224];
            Random r = new Random(1);
            for (int i = 0; i < px.length; i++) {
                px[i] = (float) r.nextGaussian();
            }
            Tensor x = d.upload(px, 1, 3, 224, 224);
            CaptureRequest all = CaptureRequest.allAttention(vit.config().depth());
            for (int i = 0; i < 30; i++) {
                vit.forward(x, CaptureRequest.none());
                vit.forward(x, all);
            }
            for (CaptureRequest c : new CaptureRequest[] {CaptureRequest.none(), all}) {
                ops.clear();
                double[] ms = new double[runs];
                var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    vit.forward(x, c);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e6 / runs;
                Arrays.sort(ms);
                // CPU time (all threads) per forward is steadier than wall time on a shared machine
                System.out.printf(Locale.ROOT, "maps=%s: median %.1f ms, best %.1f ms, cpu %.1f ms/forward%n",
                        !c.isEmpty(), ms[runs / 2], ms[0], cpu);
                if (profile) {
                    ops.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-12s %7.2f ms/forward %5d calls%n", k,
                            v[0] / 1e6 / runs, v[1] / runs));
                }
            }
        }
    }
}
