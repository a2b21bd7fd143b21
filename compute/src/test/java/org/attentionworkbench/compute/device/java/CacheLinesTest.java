package org.attentionworkbench.compute.device.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tests run with -XX:ObjectAlignmentInBytes=64 as the launchers do (pom.xml argLine):
 * then the skip must put element SKIP exactly on a cache line behind the array header.
 */
class CacheLinesTest {
    @Test
    void skipPutsDataOnACacheLine() {
        assertEquals(64, CacheLines.objectAlignment(), "the tests must run with -XX:ObjectAlignmentInBytes=64");
        int base = CacheLines.floatArrayBase();
        assertTrue(base > 0 && base < 64, "float[] header of " + base + " bytes");
        assertEquals(0, (base + CacheLines.SKIP * Float.BYTES) % 64, "element SKIP starts a line");
        assertTrue(CacheLines.SKIP < 16, "skips less than one line");
        assertEquals(CacheLines.SKIP + 5, CacheLines.floats(5).length);
    }
}
