package org.attentionworkbench.compute.models.bert;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionworkbench.compute.checkpoint.OnnxCheckpoint;
import org.attentionworkbench.compute.checkpoint.OnnxNode;

/**
 * ONNX Runtime running the MiniLM file itself, with each layer's Softmax output (the attention
 * probabilities) made a graph output so ORT hands it back. Loaded once per test JVM: the session
 * takes seconds to build.
 */
final class OrtReference {
    private static OrtReference instance;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final List<String> softmax; // by layer

    /** Last hidden state [N, D], attention per layer [H, N, N], mean-pooled L2-normalised embedding. */
    record Result(float[][] tokens, float[][][][] attention, float[] embedding) {}

    static synchronized OrtReference get() throws IOException, OrtException {
        if (instance == null) {
            instance = new OrtReference();
        }
        return instance;
    }

    private OrtReference() throws IOException, OrtException {
        byte[] model;
        try (InputStream in = OrtReference.class.getResourceAsStream(MiniLM.ONNX_RESOURCE)) {
            model = in.readAllBytes();
        }
        Pattern layer = Pattern.compile("layer\\.(\\d+)/");
        try (OnnxCheckpoint onnx = OnnxCheckpoint.read("minilm", new ByteArrayInputStream(model))) {
            softmax = onnx.graph().nodesOfType("Softmax").stream()
                    .sorted(Comparator.comparingInt((OnnxNode n) -> {
                        Matcher m = layer.matcher(n.name());
                        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
                    }))
                    .map(n -> n.outputs().get(0)).toList();
        }
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(2);
        session = env.createSession(withOutputs(model, softmax), opts);
    }

    int layers() {
        return softmax.size();
    }

    Result run(int[] ids, int[] typeIds) throws OrtException {
        int n = ids.length;
        long[][] idsL = new long[1][n];
        long[][] mask = new long[1][n];
        long[][] types = new long[1][n];
        for (int i = 0; i < n; i++) {
            idsL[0][i] = ids[i];
            mask[0][i] = 1;
            types[0][i] = typeIds[i];
        }
        Map<String, OnnxTensor> in = new HashMap<>();
        try (OnnxTensor a = OnnxTensor.createTensor(env, idsL); OnnxTensor b = OnnxTensor.createTensor(env, mask);
                OnnxTensor c = OnnxTensor.createTensor(env, types)) {
            in.put("input_ids", a);
            in.put("attention_mask", b);
            in.put("token_type_ids", c);
            try (OrtSession.Result r = session.run(in)) {
                float[][] tokens = ((float[][][]) value(r, "output_0"))[0];
                float[][][][] attention = new float[softmax.size()][][][];
                for (int l = 0; l < attention.length; l++) {
                    attention[l] = ((float[][][][]) value(r, softmax.get(l)))[0];
                }
                return new Result(tokens, attention, meanNormalized(tokens));
            }
        }
    }

    private static Object value(OrtSession.Result r, String name) throws OrtException {
        OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException("ORT gave no output " + name));
        return v.getValue();
    }

    /** sentence-transformers pooling with an all-ones mask, in double. */
    static float[] meanNormalized(float[][] tokens) {
        int d = tokens[0].length;
        double[] mean = new double[d];
        for (float[] t : tokens) {
            for (int c = 0; c < d; c++) {
                mean[c] += t[c] / (double) tokens.length;
            }
        }
        double norm = 0;
        for (double m : mean) {
            norm += m * m;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[d];
        for (int c = 0; c < d; c++) {
            out[c] = (float) (mean[c] / norm);
        }
        return out;
    }

    /**
     * The model bytes with extra graph outputs: ModelProto.graph(7) gets GraphProto.output(12)
     * ValueInfoProto entries {name(1), type(2) = TypeProto{tensor_type(1){elem_type(1) = FLOAT}}}
     * appended. Repeated fields may be appended on the wire, so the graph's bytes are kept as they
     * are and only its length prefix changes.
     */
    static byte[] withOutputs(byte[] model, List<String> names) throws IOException {
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        CodedOutputStream eo = CodedOutputStream.newInstance(extra);
        for (String name : names) {
            byte[] tensorType = message(o -> o.writeInt32(1, 1));
            byte[] type = message(o -> o.writeByteArray(1, tensorType));
            byte[] valueInfo = message(o -> {
                o.writeString(1, name);
                o.writeByteArray(2, type);
            });
            eo.writeByteArray(12, valueInfo);
        }
        eo.flush();
        byte[] added = extra.toByteArray();

        CodedInputStream in = CodedInputStream.newInstance(model);
        in.setSizeLimit(Integer.MAX_VALUE);
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) != 7) {
                in.skipField(tag);
                continue;
            }
            int tagEnd = in.getTotalBytesRead();
            int tagStart = tagEnd - CodedOutputStream.computeTagSize(7);
            int length = in.readRawVarint32();
            int graphStart = in.getTotalBytesRead();
            int graphEnd = graphStart + length;
            ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + added.length + 16);
            out.write(model, 0, tagStart);
            CodedOutputStream o = CodedOutputStream.newInstance(out);
            o.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(length + added.length);
            o.flush();
            out.write(model, graphStart, length);
            out.write(added);
            out.write(model, graphEnd, model.length - graphEnd);
            return out.toByteArray();
        }
        throw new IOException("no graph in the ONNX model");
    }

    private interface Writer {
        void write(CodedOutputStream o) throws IOException;
    }

    private static byte[] message(Writer w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        w.write(o);
        o.flush();
        return b.toByteArray();
    }
}
