package org.attentionworkbench.compute.device;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * POCL's LLVM installs signal handlers over the JVM's; the JVM survives that only with the JDK's
 * libjsig preloaded (signal chaining). The tests' JVMs must run as ./workbench runs the app, or an
 * OpenCL test can take the whole fork down now and then.
 */
class SignalChainingTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void testJvmPreloadsLibjsig() {
        String preload = System.getenv("LD_PRELOAD");
        assertTrue(preload != null && preload.contains("libjsig.so"),
                "LD_PRELOAD should name the JDK's libjsig.so (pom.xml profile linux-signal-chaining), is " + preload);
    }
}
