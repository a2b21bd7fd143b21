package org.attentionworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CLI in a fresh JVM without a usable OpenCL: no library at all (UnsatisfiedLinkError inside
 * LWJGL) and a loader without drivers (clGetPlatformIDs → -1001). Both must fall back to Java and say why.
 */
class NoOpenClFallbackTest {

    private static JsonObject devices(List<String> jvmFlags, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.attentionworkbench.app.Main");
        cmd.add("devices");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "devices finished");
        assertEquals(0, p.exitValue(), out);
        return JsonParser.parseString(out).getAsJsonObject();
    }

    @Test
    void noOpenClLibraryFallsBackToJava() throws Exception {
        JsonObject j = devices(List.of("-Dorg.lwjgl.opencl.libname=/nonexistent/libOpenCL.so"), Map.of());
        assertEquals("java", j.get("default").getAsString());
        assertEquals(1, j.getAsJsonArray("devices").size());
        assertTrue(j.get("openClProblem").getAsString().contains("no OpenCL library"), j.toString());
        assertTrue(j.getAsJsonObject("selected").get("note").getAsString().contains("no OpenCL device"), j.toString());
    }

    @Test
    void loaderWithoutDriverFallsBackToJava() throws Exception {
        JsonObject j = devices(List.of(), Map.of("OCL_ICD_VENDORS", "/nonexistent", "OPENCL_VENDOR_PATH", "/nonexistent"));
        assertEquals("java", j.get("default").getAsString());
        assertEquals(1, j.getAsJsonArray("devices").size(), j.toString());
        assertTrue(j.get("openClProblem").getAsString().contains("no driver")
                || j.get("openClProblem").getAsString().contains("no platform"), j.toString());
    }
}
