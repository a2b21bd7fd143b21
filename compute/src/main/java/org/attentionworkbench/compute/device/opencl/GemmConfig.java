package org.attentionworkbench.compute.device.opencl;

import org.attentionworkbench.compute.tensor.DeviceType;

/**
 * Which GEMM kernel a device runs and its tile sizes.
 *
 * <p>BLOCK (CPUs): one work-item per MR × 2·VW block of C held in registers, operands packed in
 * MR-row and 2·VW-column panels. TILED (GPUs): TS×TS tiles staged in local memory by (TS/WPT)²
 * work-groups, operands packed in TS-wide panels with K padded to TK.
 */
record GemmConfig(Variant variant, int mr, int vw, int ts, int tk, int wpt) {

    enum Variant { BLOCK, TILED }

    /** Panel width of the packed A operand (rows of op(A)). */
    int panelA() {
        return variant == Variant.BLOCK ? mr : ts;
    }

    /** Panel width of the packed B operand (columns of op(B)). */
    int panelB() {
        return variant == Variant.BLOCK ? 2 * vw : ts;
    }

    /** K as stored in the panels: the tiled kernel steps TK at a time over zero padding. */
    int depthPad(int k) {
        return variant == Variant.BLOCK ? k : (k + tk - 1) / tk * tk;
    }

    String buildOptions() {
        return "-DMR=" + mr + " -DVW=" + vw + " -DTS=" + ts + " -DTK=" + tk + " -DWPT=" + wpt;
    }

    /**
     * The choice for a device from its queries. CPUs: 2·MR vector accumulators must fit the
     * register file: 16-wide vectors (AVX-512, 32 registers) take 8 rows; 8-wide (AVX2, 16
     * registers) take 6 rows; narrower take 4. GPUs and others: 64×64 tiles of 4×4 per work-item,
     * smaller when the work-group limit is below 256.
     */
    static GemmConfig choose(DeviceType type, int preferredFloatWidth, long maxWorkGroupSize) {
        if (type == DeviceType.CPU) {
            if (preferredFloatWidth >= 16) {
                return new GemmConfig(Variant.BLOCK, 8, 16, 64, 16, 4);
            }
            if (preferredFloatWidth >= 8) {
                return new GemmConfig(Variant.BLOCK, 6, 8, 64, 16, 4);
            }
            return new GemmConfig(Variant.BLOCK, 4, 4, 64, 16, 4);
        }
        if (maxWorkGroupSize >= 256) {
            return new GemmConfig(Variant.TILED, 8, 16, 64, 16, 4);
        }
        return new GemmConfig(Variant.TILED, 8, 16, 32, 16, 4);
    }
}
