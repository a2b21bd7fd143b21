package org.attentionworkbench.compute.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionworkbench.compute.tensor.Shapes;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * NumPy .npy files (format versions 1.0, 2.0 and 3.0), C order, little-endian.
 *
 * <p>Reads float32, float64, int64, int32 and uint8; writes float32. The layout is NumPy's
 * (numpy/lib/format.py): the magic {@code \x93NUMPY}, a major and minor version byte, the header
 * length (2 bytes little-endian in 1.0, 4 bytes in 2.0/3.0), a Python dict literal with the keys
 * {@code descr}, {@code fortran_order} and {@code shape} padded with spaces and ended by a newline,
 * then the raw data. Anything else (Fortran order, big-endian data, object arrays, truncated data)
 * is refused with an {@link NpyFormatException} that names the file.
 */
public final class Npy {
    /** The element types read; the writer only produces {@link #FLOAT32}. */
    public enum DType {
        FLOAT32("<f4", 4, false),
        FLOAT64("<f8", 8, false),
        INT64("<i8", 8, true),
        INT32("<i4", 4, true),
        UINT8("|u1", 1, true);

        private final String descr;
        private final int itemSize;
        private final boolean integer;

        DType(String descr, int itemSize, boolean integer) {
            this.descr = descr;
            this.itemSize = itemSize;
            this.integer = integer;
        }

        /** NumPy's type string, as written in the header. */
        public String descr() {
            return descr;
        }

        public int itemSize() {
            return itemSize;
        }

        public boolean isInteger() {
            return integer;
        }

        static DType of(String descr) {
            for (DType t : values()) {
                if (t.descr.equals(descr)) {
                    return t;
                }
            }
            // byte order is meaningless for one-byte types; NumPy itself writes '|u1'
            return "<u1".equals(descr) ? UINT8 : null;
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy aligns the data start to 64 bytes so the payload can be memory-mapped. */
    private static final int ALIGN = 64;
    /** Bounds the header allocation for corrupt files; NumPy's own default limit is 10,000. */
    private static final int MAX_HEADER = 1 << 20;
    private static final int WRITE_CHUNK = 1 << 16;

    private Npy() {}

    /** Reads a whole .npy file. */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString(), Files.size(file));
        }
    }

    /** Reads one array from a stream; {@code source} names it in error messages (a path or resource). */
    public static NpyArray read(InputStream in, String source) throws IOException {
        return read(in, source, -1);
    }

    /**
     * What a .npy header says: element type, C-order shape, and the byte offset where the data starts,
     * so a large array can be read in parts (one row at its offset) instead of whole.
     */
    public record Header(DType dtype, int[] shape, long dataOffset) {
        public Header {
            shape = shape.clone();
        }

        /** Number of elements. */
        public long size() {
            return Shapes.size(shape);
        }
    }

    /**
     * The header of a .npy file, checked against the file's size (the data must be all there), without
     * reading the data.
     */
    public static Header readHeader(Path file) throws IOException {
        String source = file.toString();
        long fileSize = Files.size(file);
        Header h;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            h = readHeader(in, source);
        }
        long bytes = h.size() * h.dtype().itemSize();
        if (bytes != fileSize - h.dataOffset()) {
            throw new NpyFormatException(source, (bytes > fileSize - h.dataOffset() ? "truncated data" : "unexpected bytes after the data")
                    + ": the header's shape " + java.util.Arrays.toString(h.shape()) + " needs " + bytes
                    + " bytes, the file has " + (fileSize - h.dataOffset()) + " after the header");
        }
        return h;
    }

    /** Magic, version and header dict, checked; the stream is left at the data's first byte. */
    private static Header readHeader(InputStream in, String source) throws IOException {
        // preamble: magic, version, header length
        byte[] magic = readFully(in, MAGIC.length + 2, source, "magic");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new NpyFormatException(source, "not a .npy file (bad magic)");
            }
        }
        int major = magic[6] & 0xff;
        int minor = magic[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + minor);
        }
        ByteBuffer len = ByteBuffer.wrap(readFully(in, major == 1 ? 2 : 4, source, "header length"))
                .order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? Short.toUnsignedInt(len.getShort()) : Integer.toUnsignedLong(len.getInt());
        if (headerLength > MAX_HEADER) {
            throw new NpyFormatException(source, "header length " + headerLength + " is implausibly large");
        }

        // header: a Python dict literal (latin-1 in 1.0/2.0, UTF-8 in 3.0)
        byte[] headerBytes = readFully(in, (int) headerLength, source, "header");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = new HeaderParser(header, source).parseDict();
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw new NpyFormatException(source, "header keys must be descr, fortran_order and shape, found "
                    + dict.keySet() + " in " + header.strip());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new NpyFormatException(source, "descr is not a string (structured dtype?): " + header.strip());
        }
        DType dtype = DType.of(descr);
        if (dtype == null) {
            throw new NpyFormatException(source, "unsupported dtype '" + descr + "' (supported: <f4, <f8, <i8, <i4, |u1)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyFormatException(source, "fortran_order is not True/False: " + header.strip());
        }
        if (fortran) {
            throw new NpyFormatException(source, "fortran_order True is not supported; save a C-order array "
                    + "(numpy.ascontiguousarray) instead");
        }
        if (!(dict.get("shape") instanceof int[] shape)) {
            throw new NpyFormatException(source, "shape is not a tuple of integers: " + header.strip());
        }
        try {
            Shapes.size(shape);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new NpyFormatException(source, "bad shape in header: " + header.strip());
        }
        return new Header(dtype, shape, MAGIC.length + 2 + (major == 1 ? 2 : 4) + headerLength);
    }

    /** {@code fileSize}: the whole file's size when known (-1 if not), checked before the data is allocated. */
    private static NpyArray read(InputStream in, String source, long fileSize) throws IOException {
        Header h = readHeader(in, source);
        DType dtype = h.dtype();
        int[] shape = h.shape();

        // data: exactly size * itemSize bytes, nothing after
        long size = h.size();
        long bytes = size * dtype.itemSize();
        if (size > Integer.MAX_VALUE || bytes > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(source, "array of " + size + " elements is too large to read into memory");
        }
        long preamble = h.dataOffset();
        if (fileSize >= 0 && bytes > fileSize - preamble) {
            throw new NpyFormatException(source, "truncated data: the header's shape " + java.util.Arrays.toString(shape)
                    + " needs " + bytes + " bytes, the file has " + (fileSize - preamble) + " after the header");
        }
        // a stream of unknown size is read as the bytes arrive, so a lying header cannot allocate 2 GiB
        byte[] data = fileSize >= 0 ? readFully(in, (int) bytes, source, "data") : in.readNBytes((int) bytes);
        if (data.length != bytes) {
            throw new NpyFormatException(source, "truncated data: the header's shape " + java.util.Arrays.toString(shape)
                    + " needs " + bytes + " bytes, the file has " + data.length);
        }
        if (in.read() != -1) {
            throw new NpyFormatException(source, "unexpected bytes after the " + bytes + " data bytes");
        }
        return new NpyArray(dtype, shape, (int) size, data);
    }

    /** Writes a tensor's contents as float32 with the tensor's shape. */
    public static void writeFloat32(Path file, Tensor tensor) throws IOException {
        writeFloat32(file, tensor.toArray(), tensor.shape());
    }

    /**
     * Writes float32 data in C order, atomically ({@link AtomicFiles}): a reader never sees a half-written array.
     */
    public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
        if (Shapes.size(shape) != data.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " holds "
                    + Shapes.size(shape) + " elements, data has " + data.length);
        }
        byte[] preamble = preamble(DType.FLOAT32, shape);
        AtomicFiles.write(file, out -> {
            out.write(preamble);
            ByteBuffer buf = ByteBuffer.allocate(WRITE_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.length; ) {
                int n = Math.min(WRITE_CHUNK / 4, data.length - i);
                buf.clear();
                buf.asFloatBuffer().put(data, i, n);
                out.write(buf.array(), 0, n * 4);
                i += n;
            }
        });
    }

    /** Magic, version, header length and the padded header dict, ending at a multiple of 64 bytes. */
    static byte[] preamble(DType dtype, int[] shape) {
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dims.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': " + dims + ", }";
        // version 1.0 stores the header length in 2 bytes; longer headers (huge ranks) need 2.0
        int major = 1;
        int prefix = MAGIC.length + 2 + 2;
        int total = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        if (total - prefix > 0xffff) {
            major = 2;
            prefix = MAGIC.length + 2 + 4;
            total = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        }
        String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) header.length());
        } else {
            out.putInt(header.length());
        }
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new NpyFormatException(source, "truncated " + what + ": expected " + n + " bytes, found " + off);
            }
            off += r;
        }
        return b;
    }

    /**
     * The subset of Python literal syntax NumPy writes in headers: a dict of string keys whose values
     * are strings, True/False, integers or tuples of integers.
     */
    private static final class HeaderParser {
        private final String s;
        private final String source;
        private int pos;

        HeaderParser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        Map<String, Object> parseDict() throws NpyFormatException {
            Map<String, Object> dict = new HashMap<>();
            expect('{');
            while (peek() != '}') {
                String key = parseString();
                expect(':');
                if (dict.put(key, parseValue()) != null) {
                    throw fail("duplicate key '" + key + "'");
                }
                if (peek() != ',') {
                    break;
                }
                pos++;
            }
            expect('}');
            if (peek() != 0) {
                throw fail("unexpected text after the header dict");
            }
            return dict;
        }

        private Object parseValue() throws NpyFormatException {
            char c = peek();
            if (c == '\'' || c == '"') {
                return parseString();
            }
            if (c == '(') {
                return parseTuple();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (c == '[' || c == '{') {
                throw fail("nested value (structured dtype?) is not supported");
            }
            throw fail("unexpected value");
        }

        /** A tuple of non-negative integers, e.g. (), (5,), (2, 3); NumPy may write 5L in old files. */
        private int[] parseTuple() throws NpyFormatException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (peek() != ')') {
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw fail("expected a dimension");
                }
                try {
                    dims.add(Integer.parseInt(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw fail("dimension too large");
                }
                if (pos < s.length() && s.charAt(pos) == 'L') {
                    pos++;
                }
                if (peek() != ',') {
                    break;
                }
                pos++;
            }
            expect(')');
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private String parseString() throws NpyFormatException {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw fail("expected a quoted string");
            }
            int end = s.indexOf(q, ++pos);
            if (end < 0) {
                throw fail("unterminated string");
            }
            String v = s.substring(pos, end);
            pos = end + 1;
            return v;
        }

        private void expect(char c) throws NpyFormatException {
            if (peek() != c) {
                throw fail("expected '" + c + "'");
            }
            pos++;
        }

        /** Next non-blank character (0 at the end) without consuming it. */
        private char peek() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        private NpyFormatException fail(String problem) {
            return new NpyFormatException(source, "malformed header (" + problem + " at offset " + pos + "): "
                    + s.strip());
        }
    }
}
