package org.attentionworkbench.compute.checkpoint;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test inputs: small generated files (tools/checkpoint/make_test_files.py) and the shared real models. */
final class TestFiles {
    private TestFiles() {}

    static Path resource(String name) {
        URL url = TestFiles.class.getResource("/checkpoint/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource checkpoint/" + name + " missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject json(String name) throws IOException {
        return JsonParser.parseString(Files.readString(resource(name), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** A file of ../shared/models; skips the test, naming the path, when it is not there. */
    static Path sharedModel(String name) {
        String shared = System.getProperty("workbench.shared");
        assumeTrue(shared != null, "system property workbench.shared not set (run through Maven)");
        Path p = Path.of(shared, "models", name);
        assumeTrue(Files.isRegularFile(p), "shared model missing: " + p.toAbsolutePath());
        return p;
    }

    /** The MiniLM model shipped in the langchain4j jar on the classpath. */
    static InputStream miniLm() {
        InputStream in = TestFiles.class.getResourceAsStream("/all-minilm-l6-v2.onnx");
        if (in == null) {
            throw new IllegalStateException("all-minilm-l6-v2.onnx not on the classpath (langchain4j jar)");
        }
        return in;
    }
}
