package org.attentionworkbench.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.device.Devices;
import picocli.CommandLine.Command;

/**
 * {@code workbench devices}: the compute devices found, as JSON — each device's properties, why
 * OpenCL found nothing (null when it did), the id {@code auto} picks, and the device the configured
 * selector opens with its note.
 */
@Command(name = "devices", description = {"List the compute devices found, as JSON.",
        "Each device's properties, why OpenCL found none (null when it did), the id auto picks, and the device "
        + "--device opens with its note."})
public final class DevicesCommand extends CliCommand {

    @Override
    protected int run(CliContext context) {
        Devices.Discovery found = Devices.discover();
        JsonObject root = new JsonObject();
        JsonArray list = new JsonArray();
        for (DeviceInfo d : found.devices()) {
            list.add(toJson(d));
        }
        root.add("devices", list);
        root.addProperty("openClProblem", found.openClProblem());
        JsonObject auto = new JsonObject();
        root.addProperty("default", openedId("auto", auto));
        JsonObject selected = new JsonObject();
        selected.addProperty("selector", context.deviceSelector());
        if (context.deviceSelector().equalsIgnoreCase("auto")) {
            selected.add("id", auto.get("id"));
            selected.add("note", auto.get("note"));
        } else {
            openedId(context.deviceSelector(), selected);
        }
        root.add("selected", selected);
        context.out().println(new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
                .create().toJson(root));
        return 0;
    }

    /** Opens what a selector names (as the app would), records id and note, and closes it again. */
    private static String openedId(String selector, JsonObject into) {
        Devices.Selection s = Devices.open(selector);
        try (Device d = s.device()) {
            into.addProperty("id", d.info().id());
            into.addProperty("note", s.note());
            return d.info().id();
        }
    }

    static JsonObject toJson(DeviceInfo d) {
        JsonObject o = new JsonObject();
        o.addProperty("id", d.id());
        o.addProperty("index", d.index());
        o.addProperty("backend", d.backend().name().toLowerCase(Locale.ROOT));
        o.addProperty("type", d.type().name().toLowerCase(Locale.ROOT));
        o.addProperty("name", d.name());
        o.addProperty("vendor", d.vendor());
        o.addProperty("version", d.version());
        o.addProperty("platform", d.platform());
        o.addProperty("computeUnits", d.computeUnits());
        o.addProperty("globalMemBytes", d.globalMemBytes());
        o.addProperty("localMemBytes", d.localMemBytes());
        o.addProperty("maxWorkGroupSize", d.maxWorkGroupSize());
        return o;
    }
}
