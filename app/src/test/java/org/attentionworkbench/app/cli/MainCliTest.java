package org.attentionworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.attentionworkbench.app.Main;
import org.attentionworkbench.compute.device.Devices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MainCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void clearDeviceProperty() {
        System.clearProperty(Devices.PROPERTY);
    }

    private int run(String... args) throws Exception {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void devicesPrintsJsonWithTheJavaDevice() throws Exception {
        assertEquals(0, run("devices"));
        JsonObject root = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject java = null;
        for (JsonElement e : root.getAsJsonArray("devices")) {
            if (e.getAsJsonObject().get("id").getAsString().equals("java")) {
                java = e.getAsJsonObject();
            }
        }
        assertTrue(java != null, "java device listed: " + root);
        assertEquals("java", java.get("backend").getAsString());
        assertEquals(0, java.get("index").getAsInt());
        for (String key : new String[] {"type", "name", "vendor", "version", "platform", "computeUnits",
                "globalMemBytes", "localMemBytes", "maxWorkGroupSize"}) {
            assertTrue(java.has(key), "device has " + key);
        }
        assertTrue(java.get("computeUnits").getAsInt() >= 1);
        assertTrue(root.has("openClProblem"));
        String def = root.get("default").getAsString();
        assertTrue(root.getAsJsonArray("devices").asList().stream()
                .anyMatch(e -> e.getAsJsonObject().get("id").getAsString().equals(def)), "default is a listed id");
    }

    @Test
    void deviceFlagSelects() throws Exception {
        assertEquals(0, run("--device", "java", "devices"));
        JsonObject selected = JsonParser.parseString(out.toString(StandardCharsets.UTF_8))
                .getAsJsonObject().getAsJsonObject("selected");
        assertEquals("java", selected.get("selector").getAsString());
        assertEquals("java", selected.get("id").getAsString());
    }

    @Test
    void unknownCommandGivesUsageAndExitCode2() throws Exception {
        assertEquals(2, run("frobnicate"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("Unknown command 'frobnicate'"), e);
        assertTrue(e.contains("Usage: workbench"), e);
        assertTrue(e.contains("devices"), e);
    }

    @Test
    void helpAndBadArguments() throws Exception {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: workbench"));
        assertEquals(2, run("devices", "extra"));
        assertEquals(2, run("--device"));
    }
}
