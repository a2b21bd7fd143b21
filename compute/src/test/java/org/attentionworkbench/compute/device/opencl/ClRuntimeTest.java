package org.attentionworkbench.compute.device.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.ComputeException;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.junit.jupiter.api.Test;

/** Discovery, error names, and the build-failure path. */
class ClRuntimeTest {

    @Test
    void discoveryIsCachedAndNeverThrows() {
        OpenClRuntime.Discovery first = OpenClRuntime.discover();
        assertSame(first, OpenClRuntime.discover());
        assertTrue(first.devices().isEmpty() == (first.problem() != null),
                "a problem is reported exactly when nothing was found: " + first);
    }

    @Test
    void discoveryDescribesDevices() {
        OpenClRuntime.Discovery d = OpenClRuntime.discover();
        assumeTrue(!d.devices().isEmpty(), "no OpenCL device: " + d.problem());
        for (DeviceInfo info : d.devices()) {
            assertTrue(info.id().matches("opencl:\\d+:\\d+"), info.id());
            assertEquals(Backend.OPENCL, info.backend());
            assertTrue(!info.name().isBlank() && !info.vendor().isBlank() && !info.platform().isBlank(), info.toString());
            assertTrue(info.version().startsWith("OpenCL"), info.version());
            assertTrue(info.computeUnits() > 0 && info.globalMemBytes() > 0 && info.localMemBytes() > 0
                    && info.maxWorkGroupSize() > 0, info.toString());
        }
    }

    @Test
    void findsPoclHere() {
        // this machine runs POCL; elsewhere the test has nothing to say
        String[] icds = new java.io.File(System.getenv().getOrDefault("OCL_ICD_VENDORS", "/etc/OpenCL/vendors")).list();
        assumeTrue(icds != null && java.util.Arrays.stream(icds).anyMatch(f -> f.contains("pocl")),
                "POCL is not installed");
        DeviceInfo pocl = OpenClRuntime.discover().devices().stream()
                .filter(i -> i.platform().contains("Portable Computing Language")).findFirst().orElse(null);
        assertNotNull(pocl, "POCL installed but not discovered: " + OpenClRuntime.discover());
        assertEquals(org.attentionworkbench.compute.tensor.DeviceType.CPU, pocl.type());
        assertTrue(pocl.computeUnits() >= 1);
    }

    @Test
    void errorNames() {
        assertEquals("CL_SUCCESS", ClErrors.name(0));
        assertEquals("CL_OUT_OF_RESOURCES", ClErrors.name(-5));
        assertEquals("CL_BUILD_PROGRAM_FAILURE", ClErrors.name(-11));
        assertEquals("CL_INVALID_KERNEL_ARGS", ClErrors.name(-52));
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", ClErrors.name(-54));
        assertEquals("CL_PLATFORM_NOT_FOUND_KHR", ClErrors.name(-1001));
        assertEquals("CL_UNKNOWN_ERROR", ClErrors.name(-12345));
        ClException e = assertThrows(ClException.class, () -> ClException.check(-38, "clSetKernelArg"));
        assertEquals("clSetKernelArg", e.call());
        assertEquals("CL_INVALID_MEM_OBJECT", e.errorName());
        assertTrue(e.getMessage().contains("clSetKernelArg") && e.getMessage().contains("CL_INVALID_MEM_OBJECT"));
        ClException.check(0, "clFinish"); // success is silent
    }

    @Test
    void brokenKernelReportsBuildLog() {
        OpenClDevice dev = ClTestDevice.get();
        String src = "__kernel void broken(__global float* x) { x[0] = undeclared_symbol_xyz; }";
        ComputeException e = assertThrows(ComputeException.class, () -> dev.buildSource("broken", src, ""));
        assertTrue(e.getMessage().contains("clBuildProgram(broken)"), e.getMessage());
        assertTrue(e.getMessage().contains("CL_BUILD_PROGRAM_FAILURE"), e.getMessage());
        assertTrue(e.getMessage().contains("undeclared_symbol_xyz"), "build log missing: " + e.getMessage());
    }

    @Test
    void badLaunchIsATypedError() {
        OpenClDevice dev = ClTestDevice.get();
        // a local size that does not divide the global size is CL_INVALID_WORK_GROUP_SIZE
        ClKernel k = dev.program("elementwise").kernel("scale");
        try (var t = dev.allocate(10)) {
            ClException e = assertThrows(ClException.class,
                    () -> k.args().mem((ClTensor) t).mem((ClTensor) t).l(10).f(1f).run(dev.ctx(),
                            new long[] {10}, new long[] {3}));
            assertTrue(e.call().startsWith("clEnqueueNDRangeKernel"), e.call());
        }
    }
}
