package org.attentionworkbench.compute.device.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.ComputeException;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.DeviceType;
import org.lwjgl.PointerBuffer;
import org.lwjgl.opencl.CL;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.Platform;

/**
 * Entry point of the OpenCL backend: loads the OpenCL library, discovers platforms and devices
 * (once per JVM: the result, failure included, is cached) and opens devices.
 */
public final class OpenClRuntime {
    private OpenClRuntime() {}

    /** Devices found (ids "opencl:p:d"), or an empty list and the reason. Never throws. */
    public record Discovery(List<DeviceInfo> devices, String problem) {}

    /** Native handles behind a discovered device id. */
    record Handles(long platform, long device) {}

    private static Discovery cached;
    private static final Map<String, Handles> HANDLES = new ConcurrentHashMap<>();
    private static boolean loaded;

    /** Library directories searched for libOpenCL.so before LWJGL's own dlopen. */
    private static final String[] LIB_DIRS = {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64", "/usr/local/lib"};

    public static synchronized Discovery discover() {
        if (cached == null) {
            cached = probe();
        }
        return cached;
    }

    private static Discovery probe() {
        try {
            load();
            return enumerate();
        } catch (LinkageError e) {
            return new Discovery(List.of(), "no OpenCL library (install an OpenCL driver / ocl-icd): " + e);
        } catch (RuntimeException e) {
            return new Discovery(List.of(), "OpenCL failed: " + e.getMessage());
        }
    }

    /** Loads libOpenCL once, explicitly, so a missing library is an exception here, not a poisoned class. */
    private static synchronized void load() {
        if (loaded) {
            return;
        }
        Configuration.OPENCL_EXPLICIT_INIT.set(true);
        boolean userNamed = Configuration.OPENCL_LIBRARY_NAME.get() != null; // -Dorg.lwjgl.opencl.libname
        if (Platform.get() == Platform.LINUX && Configuration.OPENCL_LIBRARY_NAME.get() == null
                && !onLibraryPath("libOpenCL.so") && onLibraryPath("libOpenCL.so.1")) {
            // distributions without the -dev package ship only the versioned name
            Configuration.OPENCL_LIBRARY_NAME.set("libOpenCL.so.1");
        }
        try {
            CL.create();
        } catch (IllegalStateException alreadyCreated) {
            // someone else in this JVM initialised LWJGL's OpenCL: use it
        } catch (UnsatisfiedLinkError e) {
            if (userNamed || Platform.get() != Platform.LINUX
                    || "libOpenCL.so.1".equals(Configuration.OPENCL_LIBRARY_NAME.get())) {
                throw e;
            }
            CL.create("libOpenCL.so.1");
        }
        loaded = true;
    }

    private static boolean onLibraryPath(String file) {
        List<String> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(List.of(ld.split(":")));
        }
        dirs.addAll(List.of(LIB_DIRS));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.exists(Path.of(d, file))) {
                return true;
            }
        }
        return false;
    }

    private static Discovery enumerate() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int rc = clGetPlatformIDs(null, count);
            if (rc == -1001) {
                return new Discovery(List.of(), "OpenCL loader found but no driver installed "
                        + "(clGetPlatformIDs: CL_PLATFORM_NOT_FOUND_KHR)");
            }
            ClException.check(rc, "clGetPlatformIDs");
            if (count.get(0) == 0) {
                return new Discovery(List.of(), "OpenCL loader found but it reports no platform");
            }
            PointerBuffer platforms = stack.mallocPointer(count.get(0));
            ClException.check(clGetPlatformIDs(platforms, (IntBuffer) null), "clGetPlatformIDs");
            List<DeviceInfo> found = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (int p = 0; p < platforms.capacity(); p++) {
                try {
                    addDevices(platforms.get(p), p, found);
                } catch (ComputeException e) {
                    problems.add("platform " + p + ": " + e.getMessage());
                }
            }
            String problem = found.isEmpty()
                    ? (problems.isEmpty() ? "OpenCL platforms have no devices" : String.join("; ", problems))
                    : null;
            return new Discovery(List.copyOf(found), problem);
        }
    }

    private static void addDevices(long platform, int p, List<DeviceInfo> out) {
        String platformName = platformString(platform, CL_PLATFORM_NAME);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int rc = clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, null, count);
            if (rc == CL_DEVICE_NOT_FOUND) {
                return;
            }
            ClException.check(rc, "clGetDeviceIDs");
            PointerBuffer devices = stack.mallocPointer(count.get(0));
            ClException.check(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices, (IntBuffer) null), "clGetDeviceIDs");
            for (int d = 0; d < devices.capacity(); d++) {
                long dev = devices.get(d);
                String id = "opencl:" + p + ":" + d;
                out.add(new DeviceInfo(id, out.size(), Backend.OPENCL, type(deviceLong(dev, CL_DEVICE_TYPE)),
                        deviceString(dev, CL_DEVICE_NAME).trim(), deviceString(dev, CL_DEVICE_VENDOR).trim(),
                        deviceString(dev, CL_DEVICE_VERSION).trim(), platformName.trim(),
                        deviceInt(dev, CL_DEVICE_MAX_COMPUTE_UNITS), deviceLong(dev, CL_DEVICE_GLOBAL_MEM_SIZE),
                        deviceLong(dev, CL_DEVICE_LOCAL_MEM_SIZE), deviceSize(dev, CL_DEVICE_MAX_WORK_GROUP_SIZE)));
                HANDLES.put(id, new Handles(platform, dev));
            }
        }
    }

    private static DeviceType type(long bits) {
        if ((bits & CL_DEVICE_TYPE_GPU) != 0) {
            return DeviceType.GPU;
        }
        if ((bits & CL_DEVICE_TYPE_CPU) != 0) {
            return DeviceType.CPU;
        }
        if ((bits & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return DeviceType.ACCELERATOR;
        }
        return DeviceType.OTHER;
    }

    /** The native handles of a discovered device id. */
    static Handles handles(String id) {
        discover();
        Handles h = HANDLES.get(id);
        if (h == null) {
            throw new ComputeException("unknown OpenCL device " + id + " (not found by discovery)");
        }
        return h;
    }

    /** Opens a discovered device; the ops' programs are built lazily, once per device. */
    public static Device open(DeviceInfo info) {
        Handles h = handles(info.id());
        return new OpenClDevice(info, h.platform(), h.device());
    }

    /** The first device discovery found, or null. */
    public static DeviceInfo firstDevice() {
        List<DeviceInfo> d = discover().devices();
        return d.isEmpty() ? null : d.get(0);
    }

    // --- clGetDeviceInfo / clGetPlatformInfo helpers -------------------------------------------

    static String platformString(long platform, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClException.check(clGetPlatformInfo(platform, param, (ByteBuffer) null, size), "clGetPlatformInfo");
            ByteBuffer buf = stack.malloc((int) size.get(0));
            ClException.check(clGetPlatformInfo(platform, param, buf, null), "clGetPlatformInfo");
            return cString(buf);
        }
    }

    static String deviceString(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClException.check(clGetDeviceInfo(device, param, (ByteBuffer) null, size), "clGetDeviceInfo");
            ByteBuffer buf = MemoryUtil.memAlloc((int) size.get(0));
            try {
                ClException.check(clGetDeviceInfo(device, param, buf, null), "clGetDeviceInfo");
                return cString(buf);
            } finally {
                MemoryUtil.memFree(buf);
            }
        }
    }

    static int deviceInt(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer v = stack.callocInt(1);
            ClException.check(clGetDeviceInfo(device, param, v, null), "clGetDeviceInfo");
            return v.get(0);
        }
    }

    static long deviceLong(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            LongBuffer v = stack.callocLong(1);
            ClException.check(clGetDeviceInfo(device, param, v, null), "clGetDeviceInfo");
            return v.get(0);
        }
    }

    static long deviceSize(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer v = stack.callocPointer(1);
            ClException.check(clGetDeviceInfo(device, param, v, null), "clGetDeviceInfo");
            return v.get(0);
        }
    }

    private static String cString(ByteBuffer buf) {
        int n = buf.remaining();
        while (n > 0 && buf.get(buf.position() + n - 1) == 0) {
            n--;
        }
        byte[] bytes = new byte[n];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
