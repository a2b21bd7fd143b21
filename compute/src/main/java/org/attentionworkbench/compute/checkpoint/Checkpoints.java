package org.attentionworkbench.compute.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a checkpoint file with the reader its first bytes call for; the extension is only a hint. */
public final class Checkpoints {
    private Checkpoints() {}

    /** The magic number torch.save wrote at the start of a pre-1.6 (non-zip) checkpoint, as a pickled int. */
    private static final byte[] LEGACY_TORCH = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc,
        (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    /** The formats {@link #open} recognises. */
    public enum Format { SAFETENSORS, PYTORCH, ONNX }

    public static Checkpoint open(Path path) {
        return switch (detect(path)) {
            case SAFETENSORS -> SafetensorsCheckpoint.open(path);
            case PYTORCH -> TorchCheckpoint.open(path);
            case ONNX -> OnnxCheckpoint.open(path);
        };
    }

    /** The format of a file from its magic bytes; fails naming the file when none matches. */
    public static Format detect(Path path) {
        byte[] head = new byte[16];
        long size;
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            size = Files.size(path);
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new CheckpointException(path, "cannot read: " + e, e);
        }
        if (n < 8) {
            throw new CheckpointException(path, "file of " + size + " bytes is too short to be a checkpoint");
        }
        // zip (torch.save since 1.6)
        if (head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return Format.PYTORCH;
        }
        // the pickled magic number that opened legacy torch.save files
        if (n >= LEGACY_TORCH.length && java.util.Arrays.equals(head, 0, LEGACY_TORCH.length, LEGACY_TORCH, 0,
                LEGACY_TORCH.length)) {
            throw new CheckpointException(path, "legacy torch.save format (before PyTorch 1.6) is not read; "
                    + "re-save with torch>=1.6: torch.save(torch.load(f), f2)");
        }
        // safetensors: u64 header length, then a JSON object
        long headerLength = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (n > 8 && head[8] == '{' && headerLength > 0 && headerLength <= size - 8) {
            return Format.SAFETENSORS;
        }
        if (head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
            throw new CheckpointException(path, "GGUF files are not supported (safetensors, PyTorch .pth/.bin "
                    + "and ONNX are)");
        }
        // ONNX ModelProto: no magic, but it opens with ir_version (field 1, varint: tag 0x08) and a small value
        if (head[0] == 0x08 && head[1] > 0 && head[1] < 64) {
            return Format.ONNX;
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(n, 8); i++) {
            hex.append(String.format("%02x ", head[i]));
        }
        throw new CheckpointException(path, "unknown checkpoint format (first bytes " + hex.toString().trim()
                + "); supported: safetensors, PyTorch zip (.pth/.pt/.bin), ONNX");
    }
}
