package org.attentionworkbench.compute.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The central directory of a zip archive (with zip64), read from a mapped file so that stored entries
 * can be mapped in place: torch.save writes its storages uncompressed. Every size and offset is checked
 * against the file before use.
 */
final class ZipDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    /** Deflate cannot expand data more than about 1032:1; a bigger claim is forged. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /**
     * Decompressed bytes held for one archive. Each deflated entry is inflated once and kept (many
     * tensors may share one storage); together they may not exceed this, nor the heap.
     */
    static final long MAX_INFLATED = 4L << 30;

    /** One file of the archive. */
    record Entry(String name, int method, long compressedSize, long size, long localHeaderOffset) {}

    private final MappedFile file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<Entry, ByteBuffer> inflated = new HashMap<>();
    private long inflatedBytes;

    private ZipDirectory(MappedFile file) {
        this.file = file;
    }

    static ZipDirectory read(MappedFile file) {
        ZipDirectory z = new ZipDirectory(file);
        z.readCentralDirectory();
        return z;
    }

    long inflatedBytes() {
        return inflatedBytes;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    private CheckpointException corrupt(String what) {
        return new CheckpointException(file.path(), "zip archive: " + what + " (truncated or corrupt)");
    }

    private void readCentralDirectory() {
        // 1. end-of-central-directory record: last 22 bytes plus up to 64 KiB of comment
        long size = file.size();
        int tail = (int) Math.min(size, 22 + 65535);
        ByteBuffer end = file.region(size - tail, tail, "zip end record");
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw corrupt("no end-of-central-directory record");
        }
        long count = end.getShort(eocd + 10) & 0xffff;
        long cdSize = end.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = end.getInt(eocd + 16) & 0xffffffffL;
        // 2. zip64: the real numbers are in a second record found through a locator just before
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            long locatorAt = size - tail + eocd - 20;
            ByteBuffer locator = file.region(locatorAt, 20, "zip64 locator");
            if (locator.getInt(0) != ZIP64_LOCATOR) {
                throw corrupt("zip64 locator missing");
            }
            ByteBuffer z64 = file.region(locator.getLong(8), 56, "zip64 end record");
            if (z64.getInt(0) != ZIP64_EOCD) {
                throw corrupt("zip64 end record missing");
            }
            count = z64.getLong(32);
            cdSize = z64.getLong(40);
            cdOffset = z64.getLong(48);
        }
        if (cdSize > size || count < 0 || count > cdSize / 46) {
            throw corrupt("central directory of " + count + " entries in " + cdSize + " bytes");
        }
        // 3. one central header per entry
        ByteBuffer cd = file.region(cdOffset, cdSize, "zip central directory");
        int at = 0;
        for (long i = 0; i < count; i++) {
            if (at + 46 > cdSize || cd.getInt(at) != CENTRAL) {
                throw corrupt("central directory entry " + i + " malformed");
            }
            int method = cd.getShort(at + 10) & 0xffff;
            long compressed = cd.getInt(at + 20) & 0xffffffffL;
            long uncompressed = cd.getInt(at + 24) & 0xffffffffL;
            int nameLength = cd.getShort(at + 28) & 0xffff;
            int extraLength = cd.getShort(at + 30) & 0xffff;
            int commentLength = cd.getShort(at + 32) & 0xffff;
            long local = cd.getInt(at + 42) & 0xffffffffL;
            if (at + 46L + nameLength + extraLength + commentLength > cdSize) {
                throw corrupt("central directory entry " + i + " runs past the directory");
            }
            byte[] nameBytes = new byte[nameLength];
            cd.get(at + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            // zip64 extra field (id 1) holds, in order, whichever of the three values overflowed
            int x = at + 46 + nameLength;
            int xEnd = x + extraLength;
            while (x + 4 <= xEnd) {
                int id = cd.getShort(x) & 0xffff;
                int len = cd.getShort(x + 2) & 0xffff;
                int v = x + 4;
                if (v + len > xEnd) {
                    throw corrupt("extra field of '" + name + "' malformed");
                }
                if (id == 1) {
                    if (uncompressed == 0xffffffffL && v + 8 <= x + 4 + len) {
                        uncompressed = cd.getLong(v);
                        v += 8;
                    }
                    if (compressed == 0xffffffffL && v + 8 <= x + 4 + len) {
                        compressed = cd.getLong(v);
                        v += 8;
                    }
                    if (local == 0xffffffffL && v + 8 <= x + 4 + len) {
                        local = cd.getLong(v);
                    }
                }
                x += 4 + len;
            }
            entries.put(name, new Entry(name, method, compressed, uncompressed, local));
            at += 46 + nameLength + extraLength + commentLength;
        }
    }

    /** Offset of an entry's data, after its local header. */
    private long dataOffset(Entry e) {
        ByteBuffer local = file.region(e.localHeaderOffset(), 30, "local header of '" + e.name() + "'");
        if (local.getInt(0) != LOCAL) {
            throw corrupt("local header of '" + e.name() + "' missing");
        }
        int nameLength = local.getShort(26) & 0xffff;
        int extraLength = local.getShort(28) & 0xffff;
        long data = e.localHeaderOffset() + 30 + nameLength + extraLength;
        if (data > file.size() || e.compressedSize() > file.size() - data) {
            throw corrupt("data of '" + e.name() + "' (" + e.compressedSize() + " bytes) runs past the end");
        }
        return data;
    }

    /**
     * Bytes [from, from+length) of an entry's content, little-endian. Stored entries are mapped in place;
     * deflated ones (re-zipped archives) are inflated to the heap, up to 2 GiB.
     */
    ByteBuffer region(Entry e, long from, long length) {
        if (from < 0 || length < 0 || from > e.size() || length > e.size() - from) {
            throw corrupt("bytes [" + from + ", " + (from + length) + ") lie outside '" + e.name() + "' of "
                    + e.size() + " bytes");
        }
        long data = dataOffset(e);
        if (e.method() == 0) {
            if (e.size() != e.compressedSize()) {
                throw corrupt("stored entry '" + e.name() + "' has two different sizes");
            }
            return file.region(data + from, length, "'" + e.name() + "'");
        }
        if (e.method() != 8) {
            throw new CheckpointException(file.path(), "zip entry '" + e.name() + "' uses compression method "
                    + e.method() + "; only stored and deflated entries are read");
        }
        ByteBuffer all = inflated.get(e);
        if (all == null) {
            all = inflate(e, data);
            inflated.put(e, all);
        }
        return all.slice((int) from, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer inflate(Entry e, long data) {
        if (e.size() > Integer.MAX_VALUE - 8 || e.size() > e.compressedSize() * MAX_DEFLATE_RATIO + 64) {
            throw corrupt("deflated entry '" + e.name() + "' claims " + e.size() + " bytes from "
                    + e.compressedSize());
        }
        long limit = Math.min(MAX_INFLATED, Runtime.getRuntime().maxMemory() / 2);
        if (inflatedBytes + e.size() > limit) {
            throw new CheckpointException(file.path(), "zip archive: inflating '" + e.name() + "' ("
                    + e.size() + " bytes) would bring the decompressed data to " + (inflatedBytes + e.size())
                    + " bytes, above the limit of " + limit + " (half the heap, at most " + MAX_INFLATED
                    + "); save the checkpoint with torch.save, which stores storages uncompressed");
        }
        inflatedBytes += e.size();
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(file.region(data, e.compressedSize(), "'" + e.name() + "'"));
            byte[] out = new byte[(int) e.size()];
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != out.length) {
                throw corrupt("deflated entry '" + e.name() + "' gave " + n + " of " + out.length + " bytes");
            }
            return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        } catch (DataFormatException ex) {
            throw new CheckpointException(file.path(), "zip entry '" + e.name() + "': " + ex.getMessage(), ex);
        } finally {
            inflater.end();
        }
    }

    /** A whole small entry on the heap (the pickle, the byteorder marker). */
    byte[] bytes(Entry e, long max) {
        if (e.size() > max) {
            throw corrupt("'" + e.name() + "' of " + e.size() + " bytes exceeds the limit of " + max);
        }
        ByteBuffer b = region(e, 0, e.size());
        byte[] out = new byte[(int) e.size()];
        b.get(out);
        return out;
    }
}
