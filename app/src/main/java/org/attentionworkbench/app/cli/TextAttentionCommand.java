package org.attentionworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.models.AttentionExport;
import org.attentionworkbench.compute.models.bert.TextAttention;
import org.attentionworkbench.compute.tensor.Device;

/**
 * {@code workbench text-attention --text "..." [--text2 "..."] --out DIR}: all-MiniLM-L6-v2 on our
 * engine; writes attention.npy [layers, heads, tokens, tokens], tokens.json and embedding.npy.
 */
public final class TextAttentionCommand implements Subcommand {

    @Override
    public String name() {
        return "text-attention";
    }

    @Override
    public String help() {
        return "--text \"...\" [--text2 \"...\"] --out DIR: MiniLM attention maps and sentence embedding";
    }

    @Override
    public int run(List<String> args, CliContext context) throws Exception {
        Args a = Args.parse(args, Set.of("--text", "--text2", "--out"), Set.of());
        String text = a.required("--text");
        String second = a.optional("--text2", null);
        Path out = Path.of(a.required("--out"));
        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device(); TextAttention ta = new TextAttention()) {
            context.err().println("device: " + device.info().label() + " (" + sel.note() + ")");
            TextAttention.Result r = ta.run(device, text, second);
            Files.createDirectories(out);
            int n = r.length();
            Npy.writeFloat32(out.resolve("attention.npy"), r.attention(), r.layers(), r.heads(), n, n);
            Npy.writeFloat32(out.resolve("embedding.npy"), r.embedding(), r.embedding().length);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("model", "all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0)");
            meta.put("layers", r.layers());
            meta.put("heads", r.heads());
            meta.put("tokens", r.tokens());
            meta.put("type_ids", r.typeIds());
            meta.put("special", List.of("[CLS]", "[SEP]"));
            AttentionExport.writeJson(out.resolve("tokens.json"), meta);
            context.err().println(n + " tokens, " + r.layers() + " layers × " + r.heads() + " heads; wrote "
                    + out.resolve("attention.npy") + ", tokens.json, embedding.npy");
            context.out().println(String.join(" ", r.tokens()));
        }
        return 0;
    }
}
