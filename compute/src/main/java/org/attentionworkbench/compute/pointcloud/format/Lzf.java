package org.attentionworkbench.compute.pointcloud.format;

/**
 * LZF decompression as PCL's {@code lzf_decompress} (io/src/lzf.cpp) does it, with every read and
 * write bounds-checked. A control byte {@code c < 32} starts a literal run of {@code c + 1} bytes;
 * otherwise it is a back reference of length {@code (c >> 5) + 2} (7 means: add the next byte)
 * to {@code ((c & 31) << 8) + next + 1} bytes back in the output.
 */
final class Lzf {
    private Lzf() {
    }

    /** A stream that does not decode into exactly the expected bytes; {@code at} is the input position. */
    static final class LzfException extends Exception {
        private static final long serialVersionUID = 1L;
        final int at;

        LzfException(int at, String problem) {
            super(problem);
            this.at = at;
        }
    }

    /** Decodes {@code in[from, from + length)} into {@code out}, which it must fill exactly. */
    static void decompress(byte[] in, int from, int length, byte[] out) throws LzfException {
        int ip = from;
        int end = from + length;
        int op = 0;
        while (ip < end) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (ip + run > end) {
                    throw new LzfException(ip - 1, "literal run of " + run + " bytes goes past the end of the stream");
                }
                if (op + run > out.length) {
                    throw new LzfException(ip - 1, "output overruns the " + out.length + " bytes expected");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int len = ctrl >> 5;
                if (len == 7) {
                    if (ip >= end) {
                        throw new LzfException(ip - 1, "back reference cut off by the end of the stream");
                    }
                    len += in[ip++] & 0xff;
                }
                if (ip >= end) {
                    throw new LzfException(ip - 1, "back reference cut off by the end of the stream");
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                len += 2;
                if (ref < 0) {
                    throw new LzfException(ip - 2, "back reference points before the start of the output");
                }
                if (op + len > out.length) {
                    throw new LzfException(ip - 2, "output overruns the " + out.length + " bytes expected");
                }
                if (op - ref >= len) {
                    System.arraycopy(out, ref, out, op, len);
                    op += len;
                } else {
                    for (int k = 0; k < len; k++) { // overlapping: repeats the last bytes
                        out[op++] = out[ref++];
                    }
                }
            }
        }
        if (op != out.length) {
            throw new LzfException(end, "stream decodes to " + op + " bytes, not the " + out.length + " expected");
        }
    }
}
