package org.attentionworkbench.app.services;

import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.attentionworkbench.app.tasks.TaskRunner;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;

/**
 * The compute device the app uses. Opening one (discovery, OpenCL context creation) runs through
 * the {@link TaskRunner}; the result is published on the FX thread as {@link #stateProperty()}.
 * Never fails: {@link Devices#open} falls back to Java and explains why in the note.
 */
public final class DeviceService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeviceService.class.getName());

    /** What is open (info null while the first device opens) and why. */
    public record State(String selector, DeviceInfo info, String note) {
        public String label() {
            return info == null ? "Opening compute device…" : info.label();
        }
    }

    private record Opened(Devices.Discovery discovery, Devices.Selection selection) {}

    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<State> state =
            new ReadOnlyObjectWrapper<>(this, "state", new State("auto", null, ""));
    private final ReadOnlyObjectWrapper<Devices.Discovery> discovery = new ReadOnlyObjectWrapper<>(this, "discovery");
    private Device device;
    /** Bumped per request, so that a slow earlier open cannot replace a later choice. */
    private int generation;

    public DeviceService(TaskRunner tasks) {
        this.tasks = tasks;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Every device found at the last open; null until the first open completes. */
    public ReadOnlyObjectProperty<Devices.Discovery> discoveryProperty() {
        return discovery.getReadOnlyProperty();
    }

    /** The open device, or null until the first open completes. Use it from one thread at a time. */
    public Device device() {
        return device;
    }

    /** Opens the device a selector names, off the FX thread; replaces (and closes) the current one. */
    public void select(String selector) {
        int request = ++generation;
        state.set(new State(selector, state.get().info(), "opening '" + selector + "'…"));
        tasks.submit("Opening compute device",
                progress -> new Opened(Devices.discover(), Devices.open(selector)),
                opened -> {
                    if (request != generation) {
                        closeQuietly(opened.selection().device()); // superseded by a later choice
                        return;
                    }
                    Device old = device;
                    device = opened.selection().device();
                    discovery.set(opened.discovery());
                    state.set(new State(selector, device.info(), opened.selection().note()));
                    LOG.info("Compute device: " + device.info().label() + " — " + opened.selection().note());
                    if (old != null && old != device) {
                        closeQuietly(old);
                    }
                },
                error -> {
                    if (request != generation) {
                        return;
                    }
                    LOG.log(Level.WARNING, "Could not open a compute device: " + error.getMessage(), error);
                    state.set(new State(selector, state.get().info(), "failed: " + error.getMessage()));
                });
    }

    @Override
    public void close() {
        if (device != null) {
            closeQuietly(device);
            device = null;
        }
    }

    private static void closeQuietly(Device d) {
        try {
            d.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Closing " + d.info().id() + " failed: " + e.getMessage(), e);
        }
    }
}
