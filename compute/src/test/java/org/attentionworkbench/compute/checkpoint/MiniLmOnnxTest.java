package org.attentionworkbench.compute.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 as shipped in the langchain4j jar: its initializers, and the graph facts a BERT
 * loader relies on (unnamed MatMul weights found through the node that reads them).
 */
class MiniLmOnnxTest {
    private static OnnxCheckpoint model;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = TestFiles.miniLm()) {
            model = OnnxCheckpoint.read("all-minilm-l6-v2.onnx", in);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void listsInitializers() {
        OnnxGraph g = model.graph();
        Map<String, Long> ops = g.nodes().stream()
                .collect(Collectors.groupingBy(OnnxNode::opType, TreeMap::new, Collectors.counting()));
        System.out.println("MiniLM: ir " + model.irVersion() + ", producer " + model.producer() + ", opsets "
                + model.opsets() + ", " + model.entries().size() + " initializers, " + g.nodes().size() + " nodes\n"
                + "inputs " + g.inputs() + " outputs " + g.outputs() + "\nop types " + ops);
        assertEquals(104, model.entries().size());
        assertEquals(22_713_728L, model.entries().stream().mapToLong(TensorEntry::size).sum());
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), g.inputs());
        assertArrayEquals(new int[] {30522, 384}, model.entry("embeddings.word_embeddings.weight").shape());
        assertArrayEquals(new int[] {512, 384}, model.entry("embeddings.position_embeddings.weight").shape());
        assertEquals(DType.I64, model.entry("embeddings.position_ids").dtype());
        long[] positions = model.readLongs("embeddings.position_ids");
        assertEquals(511, positions[511]);
        // LayerNorm gains are positive and near one, the word table is finite: decoded, not garbage
        float[] gain = model.readFloats("encoder.layer.0.output.LayerNorm.weight");
        double mean = 0;
        for (float v : gain) {
            mean += v / gain.length;
        }
        assertTrue(mean > 0.2 && mean < 5, "LayerNorm gain mean " + mean);
        FloatBuffer words = model.floatView("embeddings.word_embeddings.weight");
        for (int i = 0; i < words.limit(); i += 4099) {
            assertTrue(Float.isFinite(words.get(i)));
        }
    }

    @Test
    void everyUnnamedMatMulWeightMapsToOneBertLinear() {
        // onnx::MatMul_N feeds exactly one MatMul, as its right operand, named after the BERT module
        Pattern name = Pattern.compile("/encoder/layer\\.(\\d)/(attention/self/query|attention/self/key"
                + "|attention/self/value|attention/output/dense|intermediate/dense|output/dense)/MatMul");
        Map<String, int[]> shapeByRole = Map.of("attention/self/query", new int[] {384, 384},
                "attention/self/key", new int[] {384, 384}, "attention/self/value", new int[] {384, 384},
                "attention/output/dense", new int[] {384, 384}, "intermediate/dense", new int[] {384, 1536},
                "output/dense", new int[] {1536, 384});
        int found = 0;
        for (TensorEntry e : model.entries()) {
            if (!e.name().startsWith("onnx::MatMul_")) {
                continue;
            }
            List<OnnxNode> users = model.graph().consumers(e.name());
            assertEquals(1, users.size(), e.name());
            OnnxNode mm = users.get(0);
            assertEquals("MatMul", mm.opType());
            assertEquals(e.name(), mm.inputs().get(1), "weight is the right operand: x(N, in) @ W(in, out)");
            Matcher m = name.matcher(mm.name());
            assertTrue(m.matches(), mm.name());
            assertArrayEquals(shapeByRole.get(m.group(2)), e.shape(), mm.name());
            // the bias of the same Linear is added right after, under its HF name
            OnnxNode add = model.graph().consumers(mm.outputs().get(0)).get(0);
            String bias = "encoder.layer." + m.group(1) + "." + m.group(2).replace('/', '.') + ".bias";
            assertTrue(add.inputs().contains(bias), add + " adds " + bias);
            found++;
        }
        assertEquals(36, found, "6 layers x (q, k, v, attention output, intermediate, output)");
    }

    @Test
    void graphConstantsGiveHeadsScaleAndEpsilon() {
        OnnxGraph g = model.graph();
        OnnxNode div = g.nodes().stream().filter(n -> n.name().equals("/encoder/layer.0/attention/self/Div"))
                .findFirst().orElseThrow();
        float scale = constant(g, div.inputs().get(1)).tensorFloats()[0];
        assertEquals(Math.sqrt(32), scale, 1e-5, "logits divided by sqrt(head width 32)");
        OnnxNode reshape = g.nodes().stream()
                .filter(n -> n.name().equals("/encoder/layer.0/attention/self/Concat")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {12}, constant(g, reshape.inputs().get(2)).tensorLongs(), "12 heads");
        OnnxNode epsAdd = g.nodes().stream()
                .filter(n -> n.name().equals("/embeddings/LayerNorm/Add")).findFirst().orElseThrow();
        assertEquals(1e-12f, constant(g, epsAdd.inputs().get(1)).tensorFloats()[0]);
        System.out.println("MiniLM: scale 1/" + scale + ", heads 12, LayerNorm eps 1e-12, GELU via Erf, outputs "
                + g.outputs() + " from " + g.producer(g.outputs().get(0)).name() + " and "
                + g.producer(g.outputs().get(1)).name());
    }

    private static OnnxAttribute constant(OnnxGraph g, String tensor) {
        OnnxNode c = g.producer(tensor);
        assertEquals("Constant", c.opType(), tensor + " is made by " + c);
        return c.attribute("value");
    }

    @Test
    void printSummary() {
        for (TensorEntry e : model.entries()) {
            String users = model.graph().consumers(e.name()).stream().map(n -> n.opType() + " " + n.name())
                    .collect(Collectors.joining(", "));
            System.out.println("  " + e.name() + " " + e.dtype() + Arrays.toString(e.shape()) + " -> " + users);
        }
        assertTrue(model.entries().stream().allMatch(e -> !model.graph().consumers(e.name()).isEmpty()),
                "every initializer is used by some node");
    }
}
