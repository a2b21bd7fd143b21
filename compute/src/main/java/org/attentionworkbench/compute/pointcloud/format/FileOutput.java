package org.attentionworkbench.compute.pointcloud.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file written through one large little-endian buffer (binary values and ASCII text). */
final class FileOutput implements Closeable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(FileBytes.CHUNK).order(ByteOrder.LITTLE_ENDIAN);

    FileOutput(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private ByteBuffer room(int n) throws IOException {
        if (buffer.remaining() < n) {
            flush();
        }
        return buffer;
    }

    FileOutput putByte(int v) throws IOException {
        room(1).put((byte) v);
        return this;
    }

    FileOutput putInt(int v) throws IOException {
        room(4).putInt(v);
        return this;
    }

    FileOutput putFloat(float v) throws IOException {
        room(4).putFloat(v);
        return this;
    }

    FileOutput putDouble(double v) throws IOException {
        room(8).putDouble(v);
        return this;
    }

    /** ASCII (ISO-8859-1) text. */
    FileOutput text(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length > buffer.capacity()) {
            flush();
            ByteBuffer big = ByteBuffer.wrap(b);
            while (big.hasRemaining()) {
                channel.write(big);
            }
            return this;
        }
        room(b.length).put(b);
        return this;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
