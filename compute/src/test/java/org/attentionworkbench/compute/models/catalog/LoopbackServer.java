package org.attentionworkbench.compute.models.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP server on 127.0.0.1 serving one file with Range support, and ways to misbehave on purpose. */
final class LoopbackServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final byte[] body;
    /** The Range header of each request for the file ("" when none). */
    final List<String> ranges = new CopyOnWriteArrayList<>();
    /** Close the connection after this many body bytes, on the first request only (-1: never). */
    volatile long closeFirstAfter = -1;
    /** Answer 200 with the whole body whatever the Range header says. */
    volatile boolean ignoreRange;
    /** Sleep this long between 8 KiB chunks. */
    volatile long chunkDelayMs;
    /** Send the body this many times over (a server that does not stop). */
    volatile int repeat = 1;
    /** The Content-Length to announce on a 200 (-2: the true length; 0: none, chunked). */
    volatile long declaredLength = -2;
    /** The total to announce in a 206's Content-Range (-1: the true length). */
    volatile long claimedTotal = -1;
    /** Body bytes written so far, over all requests. */
    final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

    LoopbackServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.bin", this::serve);
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().set("Location", url("/model.bin"));
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/to-file", ex -> {
            ex.getResponseHeaders().set("Location", "file:///etc/passwd");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void serve(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        boolean first = ranges.size() == 1;
        long start = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches() && !ignoreRange) {
            start = Long.parseLong(m.group(1));
            if (start >= body.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                ex.sendResponseHeaders(416, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/"
                    + (claimedTotal >= 0 ? claimedTotal : body.length));
            ex.sendResponseHeaders(206, body.length - start);
        } else {
            ex.sendResponseHeaders(200, declaredLength == -2 ? (long) body.length * repeat : declaredLength);
        }
        long limit = first && closeFirstAfter >= 0 ? start + closeFirstAfter : body.length;
        // a short announced length: send just that much (more would not reach the client anyway)
        long end = declaredLength > 0 && declaredLength < body.length ? declaredLength : body.length;
        OutputStream out = ex.getResponseBody();
        try {
            for (int r = 0; r < repeat; r++) {
                for (long pos = r == 0 ? start : 0; pos < Math.min(limit, end); pos += 8192) {
                    int n = (int) Math.min(8192, Math.min(limit, end) - pos);
                    out.write(body, (int) pos, n);
                    out.flush();
                    sent.addAndGet(n);
                    if (chunkDelayMs > 0) {
                        Thread.sleep(chunkDelayMs);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            ex.close(); // the client went away (a cancel)
            return;
        }
        if (limit < body.length) {
            // let the client read what was sent: a reset connection discards what it has not read yet
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // an exception out of the handler makes the server drop the connection mid-body
            throw new IllegalStateException("closing the connection after " + (limit - start) + " bytes on purpose");
        }
        out.close();
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
