package org.attentionworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.models.AttentionExport;
import org.attentionworkbench.compute.models.bert.TextAttention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench text-attention --text "..." [--text2 "..."] --out DIR}: all-MiniLM-L6-v2 on our
 * engine; writes attention.npy [layers, heads, tokens, tokens], tokens.json and embedding.npy.
 */
@Command(name = "text-attention", description = {"MiniLM attention maps and sentence embedding.",
        "all-MiniLM-L6-v2 on our engine: writes attention.npy [layers, heads, tokens, tokens], tokens.json and "
        + "embedding.npy into --out; prints the tokens."})
public final class TextAttentionCommand extends CliCommand {
    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The sentence.")
    private String text;

    @Option(names = "--text2", paramLabel = "TEXT",
            description = "A second sentence, encoded as a pair with the first.")
    private String second;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the output files.")
    private Path out;

    @Override
    protected int run(CliContext context) throws Exception {
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
