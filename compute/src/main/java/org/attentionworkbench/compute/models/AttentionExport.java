package org.attentionworkbench.compute.models;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.models.vit.ViTConfig;
import org.attentionworkbench.compute.nn.Captured;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * Writes a forward pass in the CLI contract's files: {@code attention.npy} (float32 [layers, heads,
 * tokens, tokens]), {@code tokens.json} (grid and special tokens) and {@code logits.npy}.
 */
public final class AttentionExport {
    private AttentionExport() {}

    /** Stacks every captured layer's attention of batch item 0 into [L, H, N, N]. */
    public static HostTensor stack(List<Captured> layers) {
        HostTensor first = layers.get(0).attention();
        int h = first.dim(1);
        int n = first.dim(2);
        int per = h * n * n;
        float[] all = new float[layers.size() * per];
        for (int l = 0; l < layers.size(); l++) {
            System.arraycopy(layers.get(l).attention().data(), 0, all, l * per, per);
        }
        return new HostTensor(new int[] {layers.size(), h, n, n}, all);
    }

    /** The files for an image model's output. */
    public static void writeImage(Path outDir, VisionModel model, ViT.Output out, String imageName) throws IOException {
        Files.createDirectories(outDir);
        HostTensor attn = stack(out.layers());
        Npy.writeFloat32(outDir.resolve("attention.npy"), attn.data(), attn.shape());
        ViTConfig c = model.network().config();
        List<String> special = new ArrayList<>();
        if (c.classToken()) {
            special.add("cls");
        }
        for (int r = 0; r < c.registers(); r++) {
            special.add("reg" + r);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", model.card().name);
        meta.put("layout", c.layout().id());
        meta.put("image", imageName);
        meta.put("layers", c.depth());
        meta.put("heads", c.heads());
        meta.put("tokens", c.prefixTokens() + out.gridH() * out.gridW());
        meta.put("special", special);
        meta.put("grid", new int[] {out.gridH(), out.gridW()});
        meta.put("patch", c.patch());
        meta.put("input_size", new int[] {out.gridH() * c.patch(), out.gridW() * c.patch()});
        meta.put("order", "special tokens first, then patches row-major over the grid");
        meta.put("trained", model.card().trained);
        if (out.logits() != null) {
            Npy.writeFloat32(outDir.resolve("logits.npy"), out.logits().data(), out.logits().shape());
            meta.put("top", top(out.logits().data(), model.labels(), 5));
        }
        writeJson(outDir.resolve("tokens.json"), meta);
    }

    /** Top-k classes with softmax probabilities. */
    public static List<Map<String, Object>> top(float[] logits, List<String> labels, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("index", order[i]);
            e.put("label", order[i] < labels.size() ? labels.get(order[i]) : String.valueOf(order[i]));
            e.put("probability", p[order[i]] / sum);
            out.add(e);
        }
        return out;
    }

    /** JSON written to a temporary name and renamed, so a crash never leaves half a file. */
    public static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(value));
    }
}
