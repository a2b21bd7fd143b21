package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Numbers from a text file, byte by byte, without a String per line: a hand parser for the plain
 * decimal forms (exact, as {@link Double#parseDouble}) and {@code Double.parseDouble} for the rest
 * (many digits, hexadecimal, nan, inf). Spaces, tabs, CR and one optional separator (comma or
 * semicolon) divide values; LF ends a line.
 */
final class TextScanner {
    private static final double[] POW10 = new double[23];
    private static final int MAX_TOKEN = 64;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final FileBytes in;
    private final int separator;
    private final byte[] token = new byte[MAX_TOKEN];
    private int tokenLength;
    private boolean tokenTooLong;
    /** 1-based line number of the next byte. */
    long line = 1;
    /** Whether the last number had neither a fraction, an exponent nor a nan/inf spelling. */
    boolean integerToken;

    /** {@code separator} is ',' or ';' or 0 for whitespace only. */
    TextScanner(FileBytes in, int separator, long firstLine) {
        this.in = in;
        this.separator = separator;
        this.line = firstLine;
    }

    long offset() {
        return in.offset();
    }

    /** Skips blanks and separators on this line; true when a value follows on the same line. */
    boolean nextOnLine() throws IOException {
        while (true) {
            byte[] a = in.array;
            int p = in.pos;
            int lim = in.limit;
            while (p < lim) {
                byte c = a[p];
                if (c == ' ' || c == '\t' || c == '\r' || (c == separator && c != 0)) {
                    p++;
                } else {
                    in.pos = p;
                    return c != '\n';
                }
            }
            in.pos = p;
            if (!in.ensure(1)) {
                return false;
            }
        }
    }

    /** Skips whitespace-only lines; false at the end of the file. */
    boolean skipBlankLines() throws IOException {
        while (true) {
            if (in.pos >= in.limit && !in.ensure(1)) {
                return false;
            }
            byte c = in.array[in.pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                in.pos++;
            } else if (c == '\n') {
                in.pos++;
                line++;
            } else {
                return true;
            }
        }
    }

    /** Moves past the end of this line (its LF); false when the file ends first. */
    boolean skipLine() throws IOException {
        while (true) {
            if (in.pos >= in.limit && !in.ensure(1)) {
                return false;
            }
            byte[] a = in.array;
            int lim = in.limit;
            for (int p = in.pos; p < lim; p++) {
                if (a[p] == '\n') {
                    in.pos = p + 1;
                    line++;
                    return true;
                }
            }
            in.pos = lim;
        }
    }

    /** The next byte on this line without consuming it, or -1 at a line end or the end of the file. */
    int peek() throws IOException {
        if (in.pos >= in.limit && !in.ensure(1)) {
            return -1;
        }
        byte c = in.array[in.pos];
        return c == '\n' ? -1 : c & 0xff;
    }

    /** The token at the current position as text (for error messages), consuming nothing. */
    String tokenText() {
        return new String(token, 0, tokenLength, StandardCharsets.ISO_8859_1) + (tokenTooLong ? "..." : "");
    }

    /**
     * Reads one value (call after {@link #nextOnLine()} said one follows). Returns NaN with
     * {@code bad[0] = true} when the token is not a number.
     */
    double number(boolean[] bad) throws IOException {
        tokenTooLong = false;
        byte[] a = in.array;
        int p = in.pos;
        while (true) {
            int lim = in.limit;
            while (p < lim && !delimiter(a[p])) {
                p++;
            }
            if (p < lim || p - in.pos >= MAX_TOKEN) {
                break;
            }
            // the token runs into the end of the buffer: refill (this moves the buffer's bytes) and go on
            int have = p - in.pos;
            if (!in.ensure(have + 1)) {
                p = in.limit;
                break;
            }
            p = in.pos + have;
        }
        int length = p - in.pos;
        tokenLength = Math.min(length, MAX_TOKEN);
        System.arraycopy(a, in.pos, token, 0, tokenLength);
        in.pos = p;
        if (length >= MAX_TOKEN) { // 64 characters is no number a point cloud writes
            skipLongToken();
        }
        double v = tokenTooLong ? Double.NaN : parse();
        bad[0] = Double.isNaN(v) && !isNanSpelling();
        return v;
    }

    private boolean delimiter(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || (c == separator && c != 0);
    }

    /** Consumes the rest of a token longer than any number (it is reported, not parsed). */
    private void skipLongToken() throws IOException {
        tokenTooLong = true;
        while (true) {
            if (in.pos >= in.limit && !in.ensure(1)) {
                return;
            }
            if (delimiter(in.array[in.pos])) {
                return;
            }
            in.pos++;
        }
    }

    private boolean isNanSpelling() {
        String s = tokenText().toLowerCase(java.util.Locale.ROOT);
        return s.equals("nan") || s.equals("-nan") || s.equals("+nan") || s.startsWith("nan(") || s.startsWith("-nan(");
    }

    private double parse() {
        byte[] t = token;
        int n = tokenLength;
        int i = 0;
        boolean negative = false;
        if (i < n && (t[i] == '-' || t[i] == '+')) {
            negative = t[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exp10 = 0;
        boolean digits = false;
        boolean integer = true;
        while (i < n && t[i] >= '0' && t[i] <= '9') {
            mantissa = mantissa * 10 + (t[i] - '0');
            if (mantissa != 0) {
                significant++;
            }
            if (significant > 15) {
                return slow();
            }
            digits = true;
            i++;
        }
        if (i < n && t[i] == '.') {
            integer = false;
            i++;
            while (i < n && t[i] >= '0' && t[i] <= '9') {
                mantissa = mantissa * 10 + (t[i] - '0');
                if (mantissa != 0) {
                    significant++;
                }
                if (significant > 15) {
                    return slow();
                }
                exp10--;
                digits = true;
                i++;
            }
        }
        if (!digits) {
            return slow();
        }
        if (i < n && (t[i] == 'e' || t[i] == 'E')) {
            integer = false;
            i++;
            boolean expNegative = false;
            if (i < n && (t[i] == '-' || t[i] == '+')) {
                expNegative = t[i] == '-';
                i++;
            }
            int e = 0;
            boolean expDigits = false;
            while (i < n && t[i] >= '0' && t[i] <= '9') {
                e = Math.min(e * 10 + (t[i] - '0'), 100_000);
                expDigits = true;
                i++;
            }
            if (!expDigits) {
                return slow();
            }
            exp10 += expNegative ? -e : e;
        }
        if (i != n) {
            return slow();
        }
        integerToken = integer;
        double v;
        if (mantissa == 0) {
            v = 0;
        } else if (exp10 >= 0 && exp10 < POW10.length) {
            v = mantissa * POW10[exp10];
        } else if (exp10 < 0 && -exp10 < POW10.length) {
            v = mantissa / POW10[-exp10];
        } else {
            return slow();
        }
        return negative ? -v : v;
    }

    /** Every other spelling: long mantissas, hexadecimal, nan/inf as C's printf writes them. */
    private double slow() {
        integerToken = false;
        String s = tokenText().toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        switch (s) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        char last = s.charAt(s.length() - 1);
        if (last == 'd' || last == 'f' || s.indexOf('x') >= 0 || s.indexOf('n') >= 0) {
            return Double.NaN; // Java's own suffixes and hex forms are no point-cloud spelling
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
