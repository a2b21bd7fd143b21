package org.attentionworkbench.compute.models.bert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.OnnxCheckpoint;
import org.attentionworkbench.compute.checkpoint.OnnxGraph;
import org.attentionworkbench.compute.checkpoint.OnnxNode;
import org.attentionworkbench.compute.checkpoint.TensorEntry;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * BERT weights under HF names ({@code embeddings.*}, {@code encoder.layer.i.*}) from a safetensors /
 * .pth state dict or from an ONNX export.
 *
 * <p>ONNX exports keep biases and norms under their HF names but store the linear weights as
 * anonymous {@code onnx::MatMul_N} initializers, transposed (in, out). Each such MatMul feeds an Add
 * with a named bias; following that edge of the graph names the weight.
 */
public final class BertLoader {
    private BertLoader() {}

    public record Loaded(BertConfig config, Map<String, HostTensor> weights) {}

    public static Loaded load(Checkpoint ckpt, int heads, float eps) {
        Map<String, HostTensor> w = new LinkedHashMap<>();
        for (TensorEntry e : ckpt.entries()) {
            String name = e.name().startsWith("bert.") ? e.name().substring(5) : e.name();
            // integer buffers (embeddings.position_ids) are not weights
            if ((name.startsWith("embeddings.") || name.startsWith("encoder.")) && e.dtype().convertsToFloat()) {
                w.put(name, new HostTensor(e.shape(), ckpt.readFloats(e.name())));
            }
        }
        if (ckpt instanceof OnnxCheckpoint onnx) {
            nameOnnxWeights(onnx, w);
        }
        HostTensor words = w.get("embeddings.word_embeddings.weight");
        if (words == null) {
            throw new CheckpointException(ckpt.file(), "not a BERT model (no embeddings.word_embeddings.weight)");
        }
        int dim = words.dim(1);
        int layers = 0;
        while (w.containsKey("encoder.layer." + layers + ".attention.self.query.weight")) {
            layers++;
        }
        if (layers == 0) {
            throw new CheckpointException(ckpt.file(), "no encoder layers with named query weights found");
        }
        if (dim % heads != 0) {
            throw new CheckpointException(ckpt.file(), "width " + dim + " is not divisible by " + heads + " heads");
        }
        int intermediate = w.get("encoder.layer.0.intermediate.dense.weight").dim(0);
        BertConfig cfg = new BertConfig(words.dim(0), dim, layers, heads, intermediate,
                w.get("embeddings.position_embeddings.weight").dim(0),
                w.get("embeddings.token_type_embeddings.weight").dim(0), eps);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            String p = "encoder.layer." + i + ".";
            for (String s : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "intermediate.dense", "output.dense")) {
                if (!w.containsKey(p + s + ".weight")) {
                    missing.add(p + s + ".weight");
                }
                if (!w.containsKey(p + s + ".bias")) {
                    missing.add(p + s + ".bias");
                }
            }
            for (String s : List.of("attention.output.LayerNorm", "output.LayerNorm")) {
                if (!w.containsKey(p + s + ".weight")) {
                    missing.add(p + s + ".weight");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new CheckpointException(ckpt.file(), "BERT weights missing: " + missing);
        }
        return new Loaded(cfg, w);
    }

    /** MatMul(x, W) → Add(·, name.bias): W (in, out) becomes name.weight (out, in). */
    private static void nameOnnxWeights(OnnxCheckpoint onnx, Map<String, HostTensor> w) {
        OnnxGraph g = onnx.graph();
        for (OnnxNode mm : g.nodesOfType("MatMul")) {
            String weight = mm.inputs().stream().filter(onnx::contains).findFirst().orElse(null);
            if (weight == null) {
                continue; // activation × activation (attention scores)
            }
            for (OnnxNode add : g.consumers(mm.outputs().get(0))) {
                if (!add.opType().equals("Add")) {
                    continue;
                }
                String bias = add.inputs().stream().filter(s -> s.endsWith(".bias") && onnx.contains(s)).findFirst()
                        .orElse(null);
                if (bias != null) {
                    TensorEntry e = onnx.entry(weight);
                    w.put(bias.substring(0, bias.length() - 5) + ".weight",
                            transpose(onnx.readFloats(weight), e.shape()[0], e.shape()[1]));
                }
            }
        }
    }

    private static HostTensor transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return new HostTensor(new int[] {cols, rows}, t);
    }
}
