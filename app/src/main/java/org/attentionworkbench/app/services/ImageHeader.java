package org.attentionworkbench.app.services;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Width and height of a PNG or JPEG from its header, without decoding (for routing files to pages). */
final class ImageHeader {
    private ImageHeader() {
    }

    /** {width, height}, or null when the file is neither a readable PNG nor JPEG. */
    static int[] size(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                DataInputStream in = new DataInputStream(raw)) {
            int b0 = in.read(), b1 = in.read();
            if (b0 == 0x89 && b1 == 'P') {
                in.skipNBytes(14); // rest of the signature, IHDR length and type
                return new int[] {in.readInt(), in.readInt()};
            }
            if (b0 != 0xFF || b1 != 0xD8) {
                return null;
            }
            while (true) {
                int b = in.read();
                while (b == 0xFF) {
                    b = in.read();
                }
                if (b < 0 || b == 0xD9 || b == 0xDA) {
                    return null;
                }
                if (b == 0x01 || (b >= 0xD0 && b <= 0xD7)) {
                    continue;
                }
                int len = in.readUnsignedShort() - 2;
                boolean sof = b >= 0xC0 && b <= 0xCF && b != 0xC4 && b != 0xC8 && b != 0xCC;
                if (sof && len >= 5) {
                    in.read(); // precision
                    int h = in.readUnsignedShort();
                    int w = in.readUnsignedShort();
                    return new int[] {w, h};
                }
                if (len < 0) {
                    return null;
                }
                in.skipNBytes(len);
            }
        } catch (IOException e) {
            return null;
        }
    }
}
